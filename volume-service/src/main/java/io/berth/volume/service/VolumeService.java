package io.berth.volume.service;

import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.clients.Node;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeRepository;
import io.berth.volume.store.VolumeUseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The volume use cases, each in one session; a volume of another tenant reads as one that does not exist. */
@ApplicationScoped
public class VolumeService {
    private final VolumeRepository volumes;
    private final VolumeUseRepository uses;
    private final Node node;

    VolumeService(VolumeRepository volumes, VolumeUseRepository uses, Node node) {
        this.volumes = volumes;
        this.uses = uses;
        this.node = node;
    }

    /** The tenant's volumes that pass the filter, by name. */
    public Uni<List<VolumeEntity>> list(TenantId tenant, VolumeFilter filter) {
        return Panache.withSession(() -> volumes.listFor(tenant).flatMap(all -> uses.ofVolumes(ids(all))
                .map(used -> {
                    Set<Long> inUse = used.stream().map(use -> use.volumeId).collect(Collectors.toSet());
                    return all.stream().filter(volume -> filter.test(volume, inUse.contains(volume.id))).toList();
                })));
    }

    /**
     * The tenant's volumes with how many containers use each and the bytes the node says their data takes (Docker's
     * {@code UsageData}, for {@code docker system df}), by name. A volume the node does not list has size -1, Docker's
     * "not available".
     */
    public Uni<List<VolumeUsage>> usage(TenantId tenant) {
        return Panache.withSession(() -> volumes.listFor(tenant).flatMap(all -> uses.ofVolumes(ids(all))
                .map(used -> {
                    Map<Long, Set<String>> containers = new HashMap<>();
                    used.forEach(use -> containers.computeIfAbsent(use.volumeId, id -> new HashSet<>()).add(use.containerId));
                    return all.stream().map(volume -> Map.entry(volume,
                            containers.getOrDefault(volume.id, Set.of()).size())).toList();
                })))
                .flatMap(counted -> node.sizes(tenant).map(sizes -> counted.stream().map(entry -> new VolumeUsage(
                        entry.getKey(), entry.getValue(), sizes.getOrDefault(entry.getKey().name, -1L))).toList()));
    }

    /** A volume, how many containers use it, and its data's size in bytes (-1 when unknown). */
    public record VolumeUsage(VolumeEntity volume, int refCount, long size) {
    }

    static List<Long> ids(List<VolumeEntity> all) {
        return all.stream().map(volume -> volume.id).toList();
    }

    /** The named volume, or 404 in moby's words ({@code get <name>: no such volume}). */
    public Uni<VolumeEntity> find(TenantId tenant, String name) {
        return Panache.withSession(() -> volumes.byName(tenant, name))
                .onItem().ifNull().failWith(() -> noSuch(name));
    }

    // moby's OpErr{Op: "get", Name: name, Err: errNoSuchVolume}.
    static NotFoundException noSuch(String name) {
        return new NotFoundException("get " + name + ": no such volume");
    }
}
