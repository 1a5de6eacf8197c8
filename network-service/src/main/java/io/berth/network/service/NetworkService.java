package io.berth.network.service;

import io.berth.kit.tenant.TenantId;
import io.berth.network.store.EndpointRepository;
import io.berth.network.store.NetworkEntity;
import io.berth.network.store.NetworkRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reading networks. Every call first makes sure the tenant has the predefined networks, so a tenant's first
 * {@code docker network ls} already shows bridge, host and none.
 */
@ApplicationScoped
public class NetworkService {
    private final NetworkRepository networks;
    private final EndpointRepository endpoints;
    private final NetworkCreation creation;

    NetworkService(NetworkRepository networks, EndpointRepository endpoints, NetworkCreation creation) {
        this.networks = networks;
        this.endpoints = endpoints;
        this.creation = creation;
    }

    /** The tenant's networks that pass the filter, by name. */
    public Uni<List<NetworkEntity>> list(TenantId tenant, NetworkFilter filter) {
        return creation.ensurePredefined(tenant).chain(() -> Panache.withSession(() -> networks.listFor(tenant)
                .flatMap(all -> inUse(all, filter.needsEndpoints())
                        .map(used -> all.stream().filter(n -> filter.test(n, used.contains(n.id))).toList()))));
    }

    /** The network a full id, a name or a unique id prefix names; 404 {@code network <term> not found}. */
    public Uni<NetworkEntity> find(TenantId tenant, String term) {
        return creation.ensurePredefined(tenant)
                .chain(() -> Panache.withSession(() -> networks.candidates(tenant, term)))
                .map(candidates -> NetworkLookup.resolve(term, candidates));
    }

    /** The network as {@link #find} finds it, with the endpoints of the containers running on it. */
    public Uni<NetworkDetails> inspect(TenantId tenant, String term) {
        return find(tenant, term).flatMap(network -> Panache.withSession(() -> endpoints.onNetwork(network.id))
                .map(attached -> new NetworkDetails(network, attached)));
    }

    private Uni<Set<String>> inUse(List<NetworkEntity> all, boolean needed) {
        if (!needed) {
            return Uni.createFrom().item(Set.of());
        }
        return endpoints.onNetworks(all.stream().map(n -> n.id).toList())
                .map(found -> found.stream().map(e -> e.networkId).collect(Collectors.toSet()));
    }
}
