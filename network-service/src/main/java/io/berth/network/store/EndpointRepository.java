package io.berth.network.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Endpoints of running containers on networks. */
@ApplicationScoped
public class EndpointRepository implements PanacheRepositoryBase<EndpointEntity, String> {
    public Uni<List<EndpointEntity>> onNetwork(String networkId) {
        return list("networkId = ?1 order by createdAt", networkId);
    }

    /** The endpoints of any of the networks, for listing many networks at once. */
    public Uni<List<EndpointEntity>> onNetworks(Collection<String> networkIds) {
        return networkIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("networkId in ?1 order by createdAt", networkIds);
    }

    public Uni<List<EndpointEntity>> ofContainer(String containerId) {
        return list("containerId = ?1 order by createdAt", containerId);
    }

    /** Deletes with a query, never {@code session.remove} (hibernate-reactive#1713, container-service/README.md). */
    public Uni<Void> deleteRow(String id) {
        return delete("id", id).replaceWithVoid();
    }

    public Uni<Long> countOn(String networkId) {
        return count("networkId", networkId);
    }
}
