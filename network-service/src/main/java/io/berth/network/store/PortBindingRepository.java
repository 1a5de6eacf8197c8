package io.berth.network.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Host ports published on the node. */
@ApplicationScoped
public class PortBindingRepository implements PanacheRepositoryBase<PortBindingEntity, PortBindingEntity.Key> {
    public Uni<List<PortBindingEntity>> onNode(String node) {
        return list("key.node", node);
    }

    public Uni<List<PortBindingEntity>> ofContainer(String containerId) {
        return list("containerId", containerId);
    }

    /** Releases the container's ports of runs up to {@code run} (every run when it is {@link Long#MAX_VALUE}). */
    public Uni<Long> release(String containerId, long run) {
        return delete("containerId = ?1 and run <= ?2", containerId, run);
    }
}
