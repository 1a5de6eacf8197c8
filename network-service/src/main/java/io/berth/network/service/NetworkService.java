package io.berth.network.service;

import io.berth.kit.tenant.TenantId;
import io.berth.network.store.NetworkEntity;
import io.berth.network.store.NetworkRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The network use cases, each in one transaction. Every call first makes sure the tenant has the predefined
 * networks, so a tenant's first {@code docker network ls} already shows bridge, host and none.
 */
@ApplicationScoped
public class NetworkService {
    private final NetworkRepository networks;

    NetworkService(NetworkRepository networks) {
        this.networks = networks;
    }

    /** The tenant's networks that pass the filter, by name. */
    public Uni<List<NetworkEntity>> list(TenantId tenant, NetworkFilter filter) {
        return Panache.withTransaction(() -> withPredefined(tenant).chain(() -> networks.listFor(tenant)))
                .map(all -> all.stream().filter(filter).toList());
    }

    /** The network a full id, a name or a unique id prefix names; 404 {@code network <term> not found}. */
    public Uni<NetworkEntity> find(TenantId tenant, String term) {
        return Panache.withTransaction(() -> withPredefined(tenant).chain(() -> networks.candidates(tenant, term)))
                .map(candidates -> NetworkLookup.resolve(term, candidates));
    }

    // Idempotent and safe when two first calls race: the insert keeps whichever rows were written first.
    private Uni<Void> withPredefined(TenantId tenant) {
        return networks.insertIfAbsent(PredefinedNetworks.forTenant(tenant));
    }
}
