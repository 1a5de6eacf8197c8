package io.berth.container.service;

import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads a tenant's containers: one by Docker's kinds of reference, or all of them. */
@ApplicationScoped
public class ContainerLookup {
    private final ContainerRepository containers;

    ContainerLookup(ContainerRepository containers) {
        this.containers = containers;
    }

    public Uni<ContainerEntity> find(TenantId tenant, String ref) {
        return Panache.withSession(() -> containers.resolve(tenant, ref));
    }

    public Uni<List<ContainerEntity>> list(TenantId tenant) {
        return Panache.withSession(() -> containers.listFor(tenant));
    }
}
