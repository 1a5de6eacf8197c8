package io.berth.volume.inbound;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDestroy;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.service.VolumeUses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from container events which volumes are in use ({@code berth.containers}). A message that is not a Berth
 * CloudEvent fails and goes to this consumer's dead-letter topic with the reason; the consumer carries on.
 */
@ApplicationScoped
public class ContainerEventsConsumer {
    static final String CHANNEL = "container-events";

    private final VolumeUses volumeUses;

    ContainerEventsConsumer(VolumeUses volumeUses) {
        this.volumeUses = volumeUses;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(byte[] message) {
        CloudEvent event = CloudEventCodec.decode(message);
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() != EventKind.CONTAINER || event.subject() == null) {
            return Uni.createFrom().voidItem();
        }
        boolean removeVolumes = ContainerActions.DESTROY.equals(typed.action())
                && event.dataAs(ContainerDestroy.class).removeVolumes();
        return volumeUses.apply(event.id(), TenantId.of(event.tenant()), typed.action(), event.subject(), removeVolumes);
    }
}
