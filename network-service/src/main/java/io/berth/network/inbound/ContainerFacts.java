package io.berth.network.inbound;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDie;
import io.berth.network.service.EndpointService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from container-service's events when a container's addresses and host ports are free again (ARCHITECTURE
 * rule 2): a {@code die} releases what its run held, a {@code destroy} everything. Each event id is applied once; a
 * message that is not a Berth CloudEvent goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ContainerFacts {
    static final String CHANNEL = "container-facts";

    private final EndpointService endpoints;

    ContainerFacts(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(byte[] message) {
        CloudEvent event = CloudEventCodec.decode(message);
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() != EventKind.CONTAINER || event.subject() == null) {
            return Uni.createFrom().voidItem();
        }
        long run;
        if (ContainerActions.DIE.equals(typed.action())) {
            long died = event.dataAs(ContainerDie.class).run();
            // A die without its run (made before runs were carried) cannot tell its run from the next: keep all.
            run = died > 0 ? died : -1;
        } else if (ContainerActions.DESTROY.equals(typed.action())) {
            run = Long.MAX_VALUE;
        } else {
            return Uni.createFrom().voidItem();
        }
        if (run < 0) {
            return Uni.createFrom().voidItem();
        }
        return endpoints.releaseOnce(event.id(), event.subject(), run);
    }
}
