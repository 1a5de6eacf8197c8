package io.berth.image.inbound;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerEvent;
import io.berth.image.store.ImageUsers;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.AppliedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from {@code berth.containers} which containers use which image (ARCHITECTURE rule 2: announce, and let
 * others learn): a container counts from its {@code create} (whose payload names its image id) until its
 * {@code destroy}, and is running between a {@code start} and a {@code die}. Each event is applied once; a message that
 * is not a Berth CloudEvent goes to the dead-letter topic with the reason, and the consumer carries on.
 */
@ApplicationScoped
public class ContainerUseConsumer {
    static final String CHANNEL = "container-events";

    private final ImageUsers users;
    private final AppliedEvents applied;

    ContainerUseConsumer(ImageUsers users, AppliedEvents applied) {
        this.users = users;
        this.applied = applied;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(byte[] message) {
        CloudEvent event = CloudEventCodec.decode(message);
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() != EventKind.CONTAINER || event.subject() == null) {
            return Uni.createFrom().voidItem();
        }
        TenantId tenant = TenantId.of(event.tenant());
        String container = event.subject();
        Supplier<Uni<Void>> change = switch (typed.action()) {
            case ContainerActions.CREATE -> {
                String imageId = event.dataAs(ContainerEvent.class).imageId();
                yield imageId == null ? null : () -> users.add(tenant, container, imageId);
            }
            case ContainerActions.START -> () -> users.running(tenant, container, true);
            case ContainerActions.DIE -> () -> users.running(tenant, container, false);
            case ContainerActions.DESTROY -> () -> users.remove(tenant, container);
            default -> null;
        };
        if (change == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> applied.firstTime(event.id())
                .flatMap(first -> first ? change.get() : Uni.createFrom().voidItem()));
    }
}
