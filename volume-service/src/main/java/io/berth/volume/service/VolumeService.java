package io.berth.volume.service;

import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The volume use cases, each in one session; a volume of another tenant reads as one that does not exist. */
@ApplicationScoped
public class VolumeService {
    private final VolumeRepository volumes;

    VolumeService(VolumeRepository volumes) {
        this.volumes = volumes;
    }

    /** The tenant's volumes that pass the filter, by name. */
    public Uni<List<VolumeEntity>> list(TenantId tenant, VolumeFilter filter) {
        return Panache.withSession(() -> volumes.listFor(tenant))
                .map(all -> all.stream().filter(filter).toList());
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
