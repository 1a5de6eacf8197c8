package io.berth.network.service;

import io.berth.events.network.NetworkActions;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.network.events.NetworkEvents;
import io.berth.network.store.EndpointRepository;
import io.berth.network.store.NetworkEntity;
import io.berth.network.store.NetworkRepository;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removing networks: {@code docker network rm} and {@code prune}. A predefined network is never removed, nor one a
 * running container is attached to; the row goes with its {@code destroy} event. The bridge on the node goes with
 * its last endpoint (netavark removes it), so nothing is left there to clean up.
 */
@ApplicationScoped
public class NetworkRemoval {
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "until");

    private final NetworkRepository networks;
    private final EndpointRepository endpoints;
    private final NetworkService lookup;
    private final NetworkEvents events;
    private final OutboxRelay relay;

    NetworkRemoval(NetworkRepository networks, EndpointRepository endpoints, NetworkService lookup,
            NetworkEvents events, OutboxRelay relay) {
        this.networks = networks;
        this.endpoints = endpoints;
        this.lookup = lookup;
        this.events = events;
        this.relay = relay;
    }

    /** 403 for a predefined network or one with endpoints, in dockerd's words. */
    public Uni<Void> remove(TenantId tenant, String ref) {
        return lookup.find(tenant, ref)
                .flatMap(found -> {
                    if (PredefinedNetworks.isPredefined(found.name)) {
                        throw new ForbiddenException(found.name + " is a pre-defined network and cannot be removed");
                    }
                    return Panache.withTransaction(() -> removeLocked(found.id).map(removed -> {
                        if (!removed) {
                            throw new ForbiddenException("error while removing network: network " + found.name + " id "
                                    + found.id + " has active endpoints");
                        }
                        return removed;
                    }));
                })
                .invoke(relay::wakeUp)
                .replaceWithVoid();
    }

    /**
     * Removes the tenant's user networks that no container is attached to and that pass the filters ({@code label},
     * {@code label!}, {@code until}); the names of those removed.
     */
    public Uni<List<String>> prune(TenantId tenant, DockerFilters filters) {
        filters.allowOnly(PRUNE_FILTERS);
        if (filters.get("until").size() > 1) {
            throw new InvalidParameterException("more than one until filter specified");
        }
        Instant until = filters.has("until") ? DockerTimes.timestamp(filters.get("until").iterator().next(), Instant.now()) : null;
        return lookup.list(tenant, NetworkFilter.of(DockerFilters.none())).flatMap(all -> {
            List<NetworkEntity> candidates = all.stream()
                    .filter(n -> !PredefinedNetworks.isPredefined(n.name))
                    .filter(n -> until == null || !n.createdAt.isAfter(until))
                    .filter(n -> filters.matchesLabels(n.labels) && !excludedByLabels(filters, n))
                    .toList();
            List<String> removed = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (NetworkEntity network : candidates) {
                chain = chain.chain(() -> Panache.withTransaction(() -> removeLocked(network.id))
                        .invoke(gone -> {
                            if (gone) {
                                removed.add(network.name);
                            }
                        }).replaceWithVoid());
            }
            return chain.replaceWith(removed);
        }).invoke(relay::wakeUp);
    }

    /**
     * Deletes the network with its {@code destroy} event unless it has endpoints; false when it has. The allocation
     * lock orders this against a start that is attaching a container to it.
     */
    private Uni<Boolean> removeLocked(String id) {
        return networks.lockAllocation()
                .chain(() -> networks.findById(id))
                .flatMap(network -> network == null ? Uni.createFrom().item(true) : endpoints.countOn(id)
                        .flatMap(count -> count > 0 ? Uni.createFrom().item(false)
                                : events.publish(network, NetworkActions.DESTROY)
                                        .chain(() -> networks.deleteRow(id))
                                        .replaceWith(true)));
    }

    /** moby's {@code label!}: a network that carries every one of these labels (or label values) is kept. */
    private static boolean excludedByLabels(DockerFilters filters, NetworkEntity network) {
        if (!filters.has("label!")) {
            return false;
        }
        for (String unwanted : filters.get("label!")) {
            int equals = unwanted.indexOf('=');
            boolean hit = equals < 0 ? network.labels.containsKey(unwanted)
                    : unwanted.substring(equals + 1).equals(network.labels.get(unwanted.substring(0, equals)));
            if (!hit) {
                return false;
            }
        }
        return true;
    }
}
