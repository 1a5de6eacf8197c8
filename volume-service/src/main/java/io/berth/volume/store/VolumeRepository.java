package io.berth.volume.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
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

    /** The volume locked for a removal ({@code SELECT … FOR UPDATE}), or null. */
    public Uni<VolumeEntity> lock(TenantId tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant.value(), name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * The volume locked against removal while a use of it is recorded ({@code SELECT … FOR SHARE}: ensure calls of
     * several containers do not wait for each other), or null.
     */
    public Uni<VolumeEntity> lockShared(TenantId tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant.value(), name)
                .withLock(LockModeType.PESSIMISTIC_READ).firstResult();
    }

    public Uni<List<VolumeEntity>> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    public Uni<Long> deleteRow(long id) {
        return delete("id = ?1", id);
    }
}
