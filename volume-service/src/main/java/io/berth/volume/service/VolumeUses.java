package io.berth.volume.service;

import io.berth.events.container.ContainerActions;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.AppliedEvents;
import io.berth.outbox.OutboxRelay;
import io.berth.volume.events.VolumeEvents;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeRepository;
import io.berth.volume.store.VolumeUseEntity;
import io.berth.volume.store.VolumeUseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What container events tell about volumes (ARCHITECTURE rule 2): a container's {@code create} confirms the uses its
 * ensure call recorded, {@code start} mounts its volumes and {@code die} unmounts them (Docker's volume events of those
 * names), and {@code destroy} ends its uses, taking its anonymous volumes along when the container went with
 * {@code rm -v} or {@code --rm}. Each event is applied once; events of containers without volumes change nothing.
 */
@ApplicationScoped
public class VolumeUses {
    private final VolumeRepository volumes;
    private final VolumeUseRepository uses;
    private final AppliedEvents applied;
    private final VolumeEvents events;
    private final VolumeRemoval removal;
    private final OutboxRelay relay;

    VolumeUses(VolumeRepository volumes, VolumeUseRepository uses, AppliedEvents applied, VolumeEvents events,
            VolumeRemoval removal, OutboxRelay relay) {
        this.volumes = volumes;
        this.uses = uses;
        this.applied = applied;
        this.events = events;
        this.removal = removal;
        this.relay = relay;
    }

    /** Applies one container event; {@code removeVolumes} is the destroy's flag (false for other actions). */
    public Uni<Void> apply(String eventId, TenantId tenant, String action, String container, boolean removeVolumes) {
        return Panache.withTransaction(() -> uses.ofContainer(tenant, container).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().<List<VolumeEntity>>item(List.of())
                : applied.firstTime(eventId).flatMap(first -> first
                        ? applyOnce(tenant, action, container, found)
                        : Uni.createFrom().item(List.<VolumeEntity>of()))))
                .flatMap(released -> removeVolumes && !released.isEmpty()
                        ? removal.removeAnonymous(tenant, released)
                        : Uni.createFrom().voidItem())
                .invoke(relay::wakeUp);
    }

    /**
     * Ends a container's uses without an event (its create failed after the ensure call); with
     * {@code removeAnonymous} its anonymous volumes that nothing else uses go too.
     */
    public Uni<Void> release(TenantId tenant, String container, boolean removeAnonymous) {
        return Panache.withTransaction(() -> uses.ofContainer(tenant, container).flatMap(found -> volumesOf(anonymous(found))
                .call(released -> uses.deleteOfContainer(tenant, container))))
                .flatMap(released -> removeAnonymous && !released.isEmpty()
                        ? removal.removeAnonymous(tenant, released)
                        : Uni.createFrom().voidItem())
                .invoke(relay::wakeUp);
    }

    /** The volumes a destroy released that the container's mounts named none of; nothing for the other actions. */
    private Uni<List<VolumeEntity>> applyOnce(TenantId tenant, String action, String container, List<VolumeUseEntity> found) {
        return switch (action) {
            case ContainerActions.CREATE -> uses.confirm(tenant, container).replaceWith(List.<VolumeEntity>of());
            case ContainerActions.START -> announce(found, events::mounted).replaceWith(List.<VolumeEntity>of());
            case ContainerActions.DIE -> announce(found, events::unmounted).replaceWith(List.<VolumeEntity>of());
            case ContainerActions.DESTROY -> volumesOf(anonymous(found))
                    .call(released -> uses.deleteOfContainer(tenant, container));
            default -> Uni.createFrom().item(List.<VolumeEntity>of());
        };
    }

    private Uni<Void> announce(List<VolumeUseEntity> found, Announcement announcement) {
        return volumesOf(found).flatMap(byUse -> {
            Map<Long, VolumeEntity> byId = byUse.stream().collect(Collectors.toMap(volume -> volume.id, Function.identity()));
            return Multi.createFrom().iterable(found)
                    .onItem().transformToUniAndConcatenate(use -> announcement.add(byId.get(use.volumeId), use))
                    .collect().last().replaceWithVoid();
        });
    }

    /** The uses whose mount named no volume: only their volumes may go with the container. */
    private static List<VolumeUseEntity> anonymous(List<VolumeUseEntity> found) {
        return found.stream().filter(use -> use.anonymous).toList();
    }

    private Uni<List<VolumeEntity>> volumesOf(List<VolumeUseEntity> found) {
        return volumes.byIds(found.stream().map(use -> use.volumeId).distinct().toList());
    }

    /** One of the volume events a container's use of a volume announces. */
    @FunctionalInterface
    private interface Announcement {
        Uni<Void> add(VolumeEntity volume, VolumeUseEntity use);
    }
}
