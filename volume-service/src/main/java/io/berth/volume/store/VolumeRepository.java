package io.berth.volume.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A tenant's volumes; another tenant's volume is never found. */
@ApplicationScoped
public class VolumeRepository implements PanacheRepositoryBase<VolumeEntity, Long> {

    public Uni<List<VolumeEntity>> listFor(TenantId tenant) {
        return list("tenant = ?1 order by name", tenant.value());
    }

    /** The volume with exactly this name, or null. */
    public Uni<VolumeEntity> byName(TenantId tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant.value(), name).firstResult();
    }
}
