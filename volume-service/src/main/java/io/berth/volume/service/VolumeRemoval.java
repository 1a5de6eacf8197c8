package io.berth.volume.service;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.berth.volume.LocalDriver;
import io.berth.volume.clients.Containers;
import io.berth.volume.clients.Node;
import io.berth.volume.config.VolumeServiceConfig;
import io.berth.volume.events.VolumeEvents;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeRepository;
import io.berth.volume.store.VolumeUseEntity;
import io.berth.volume.store.VolumeUseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Removes volumes: {@code docker volume rm}, {@code docker volume prune}, and a removed container's anonymous volumes.
 * A volume in use is never removed. Each removal locks the row, has the node delete the data, and deletes the row
 * with its {@code destroy} event in one transaction: a node that fails leaves the volume as it was.
 */
@ApplicationScoped
public class VolumeRemoval {
    private static final Logger LOG = Logger.getLogger(VolumeRemoval.class);

    private final VolumeRepository volumes;
    private final VolumeUseRepository uses;
    private final Node node;
    private final Containers containers;
    private final VolumeEvents events;
    private final OutboxRelay relay;
    private final Duration reservationGrace;

    VolumeRemoval(VolumeRepository volumes, VolumeUseRepository uses, Node node, Containers containers,
            VolumeEvents events, OutboxRelay relay, VolumeServiceConfig config) {
        this.volumes = volumes;
        this.uses = uses;
        this.node = node;
        this.containers = containers;
        this.events = events;
        this.relay = relay;
        this.reservationGrace = config.reservationGrace();
    }

    /** What a prune did: the names it removed and the bytes their data took. */
    public record Pruned(List<String> names, long reclaimed) {
    }

    /**
     * {@code docker volume rm}: 404 for a volume that does not exist (nothing with {@code force}), 409 with the
     * containers that use it.
     */
    public Uni<Void> remove(TenantId tenant, String name, boolean force) {
        return Panache.withSession(() -> volumes.byName(tenant, name)).flatMap(found -> {
            if (found == null) {
                return force ? Uni.createFrom().voidItem() : Uni.createFrom().failure(VolumeService.noSuch(name));
            }
            return settleGoneContainers(tenant, found).flatMap(settled -> removeUnused(tenant, name, true))
                    .replaceWithVoid();
        }).invoke(relay::wakeUp);
    }

    /**
     * {@code docker volume prune}: the tenant's unused volumes the filter keeps, each removed as {@code rm} would;
     * one in use by the time it is locked is left. As with {@code rm}, the uses of containers already gone are settled
     * first, so a prune right after {@code docker run --rm} takes what that container used. Announced with what it
     * freed.
     */
    public Uni<Pruned> prune(TenantId tenant, PruneFilter filter) {
        return Panache.withSession(() -> volumes.listFor(tenant).flatMap(all -> uses.ofVolumes(VolumeService.ids(all))
                .map(used -> all.stream().filter(filter).filter(volume -> used.stream()
                        .anyMatch(use -> use.volumeId.equals(volume.id))).toList())))
                .flatMap(busy -> Multi.createFrom().iterable(busy)
                        .onItem().transformToUniAndConcatenate(volume -> settleGoneContainers(tenant, volume))
                        .collect().last())
                .flatMap(settled -> Panache.withSession(() -> volumes.listFor(tenant).flatMap(all -> uses
                        .ofVolumes(VolumeService.ids(all)).map(used -> unusedMatching(all, used, filter)))))
                .flatMap(candidates -> candidates.isEmpty()
                        ? Uni.createFrom().item(new Pruned(List.of(), 0))
                        : node.sizes(tenant).flatMap(sizes -> removeEach(tenant, candidates, sizes)))
                .flatMap(pruned -> Panache.withTransaction(() -> events.pruned(tenant.value(), pruned.reclaimed()))
                        .replaceWith(pruned))
                .invoke(relay::wakeUp);
    }

    /**
     * A removed container's anonymous volumes that nothing else uses ({@code docker rm -v}, {@code --rm}). Each is
     * tried on its own; one that cannot be removed now stays, unused, for {@code prune}.
     */
    Uni<Void> removeAnonymous(TenantId tenant, List<VolumeEntity> candidates) {
        return Multi.createFrom().iterable(candidates)
                .filter(volume -> volume.labels.containsKey(LocalDriver.ANONYMOUS_LABEL))
                .onItem().transformToUniAndConcatenate(volume -> removeUnused(tenant, volume.name, false)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("anonymous volume %s of a removed container stays: %s", volume.name,
                                    failure.getMessage());
                            return false;
                        }))
                .collect().last().replaceWithVoid().invoke(relay::wakeUp);
    }

    private Uni<Pruned> removeEach(TenantId tenant, List<VolumeEntity> candidates, Map<String, Long> sizes) {
        List<String> names = new ArrayList<>();
        long[] reclaimed = {0};
        return Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(volume -> removeUnused(tenant, volume.name, false).invoke(removed -> {
                    if (removed) {
                        names.add(volume.name);
                        reclaimed[0] += Math.max(0, sizes.getOrDefault(volume.name, 0L));
                    }
                }))
                .collect().last().map(done -> new Pruned(List.copyOf(names), reclaimed[0]));
    }

    /**
     * Locks the row, and removes the volume when nothing uses it: true when removed. When it is used, {@code refuse}
     * says whether that is Docker's 409 or simply false.
     */
    private Uni<Boolean> removeUnused(TenantId tenant, String name, boolean refuse) {
        return Panache.withTransaction(() -> volumes.lock(tenant, name).flatMap(volume -> {
            if (volume == null) {
                return Uni.createFrom().item(false);
            }
            return uses.ofVolume(volume.id).flatMap(found -> {
                if (!found.isEmpty()) {
                    return refuse ? Uni.createFrom().failure(inUse(name, found)) : Uni.createFrom().item(false);
                }
                return node.delete(tenant, name)
                        .flatMap(deleted -> volumes.deleteRow(volume.id))
                        .flatMap(deleted -> events.destroyed(volume))
                        .replaceWith(true);
            });
        }));
    }

    /**
     * The uses of a volume whose container is gone while its destroy event is still on its way (or whose create
     * failed and was never told): container-service is asked about each use that is confirmed or older than the
     * grace, and the uses of containers it does not know are dropped. A young reservation is a create in flight and
     * always counts.
     */
    private Uni<Void> settleGoneContainers(TenantId tenant, VolumeEntity volume) {
        Instant young = Instant.now().minus(reservationGrace);
        return Panache.withSession(() -> uses.ofVolume(volume.id)).flatMap(found -> {
            Set<String> suspects = found.stream().filter(use -> use.confirmed || use.reservedAt.isBefore(young))
                    .map(use -> use.containerId).collect(Collectors.toCollection(LinkedHashSet::new));
            return Multi.createFrom().iterable(suspects)
                    .onItem().transformToUniAndConcatenate(container -> containers.isGone(tenant, container)
                            .flatMap(gone -> gone
                                    ? Panache.withTransaction(() -> uses.deleteOfContainer(tenant, container)).replaceWithVoid()
                                    : Uni.createFrom().voidItem()))
                    .collect().last().replaceWithVoid();
        });
    }

    private static List<VolumeEntity> unusedMatching(List<VolumeEntity> all, List<VolumeUseEntity> used, PruneFilter filter) {
        Set<Long> inUse = used.stream().map(use -> use.volumeId).collect(Collectors.toSet());
        return all.stream().filter(volume -> !inUse.contains(volume.id)).filter(filter).toList();
    }

    // moby volume/service/errors.go: OpErr{Op: "remove", Name: name, Err: errVolumeInUse, Refs: refs}, whose refs are
    // written with Go's %v of a string slice.
    private static ConflictException inUse(String name, List<VolumeUseEntity> found) {
        Set<String> containerIds = found.stream().map(use -> use.containerId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new ConflictException("remove " + name + ": volume is in use - [" + String.join(" ", containerIds) + "]");
    }
}
