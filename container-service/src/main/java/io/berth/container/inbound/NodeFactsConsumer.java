package io.berth.container.inbound;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.node.ContainerExited;
import io.berth.container.service.ExitRecorder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns runtime facts from the workers ({@code berth.nodes}). A message that is not a Berth CloudEvent fails and
 * goes to the dead-letter topic with the reason; the consumer carries on.
 */
@ApplicationScoped
public class NodeFactsConsumer {
    static final String CHANNEL = "node-facts";

    private final ExitRecorder exits;

    NodeFactsConsumer(ExitRecorder exits) {
        this.exits = exits;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onFact(byte[] message) {
        CloudEvent event = CloudEventCodec.decode(message);
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() != EventKind.NODE || !ContainerExited.ACTION.equals(typed.action())) {
            return Uni.createFrom().voidItem();
        }
        return exits.record(event.id(), event.dataAs(ContainerExited.class));
    }
}
