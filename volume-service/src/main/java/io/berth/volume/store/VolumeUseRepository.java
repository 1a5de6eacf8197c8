package io.berth.volume.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Which containers use which volume. Rows are deleted with queries, as container-service deletes its rows. */
@ApplicationScoped
public class VolumeUseRepository implements PanacheRepositoryBase<VolumeUseEntity, Long> {

    public Uni<List<VolumeUseEntity>> ofVolume(long volumeId) {
        return list("volumeId = ?1 order by containerId, destination", volumeId);
    }

    public Uni<List<VolumeUseEntity>> ofVolumes(Collection<Long> volumeIds) {
        return volumeIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("volumeId in ?1", volumeIds);
    }

    public Uni<List<VolumeUseEntity>> ofContainer(TenantId tenant, String containerId) {
        return list("tenant = ?1 and containerId = ?2 order by destination", tenant.value(), containerId);
    }

    public Uni<Integer> confirm(TenantId tenant, String containerId) {
        return update("confirmed = true where tenant = ?1 and containerId = ?2 and confirmed = false", tenant.value(),
                containerId);
    }

    public Uni<Long> deleteOfContainer(TenantId tenant, String containerId) {
        return delete("tenant = ?1 and containerId = ?2", tenant.value(), containerId);
    }
}
