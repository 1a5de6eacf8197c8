package io.berth.container.service;

import io.berth.container.events.ContainerEvents;
import io.berth.container.events.ContainerLabels;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code docker container prune}: removes the tenant's containers that do not run (a paused one runs), those created
 * before {@code until} and matching the {@code label} and {@code label!} filters, one by one as {@code docker rm}
 * would; one that cannot be removed now is left and logged, as dockerd does, and a {@code prune} event follows
 * (moby daemon/prune.go ContainersPrune).
 */
@ApplicationScoped
public class ContainerPrunes {
    private static final Logger LOG = Logger.getLogger(ContainerPrunes.class);
    private static final Set<String> ACCEPTED = Set.of("until", "label", "label!");

    private final ContainerLookup lookup;
    private final ContainerLifecycle lifecycle;
    private final ContainerLabels stored;
    private final ContainerEvents events;
    private final OutboxRelay relay;

    ContainerPrunes(ContainerLookup lookup, ContainerLifecycle lifecycle, ContainerLabels stored, ContainerEvents events,
            OutboxRelay relay) {
        this.lookup = lookup;
        this.lifecycle = lifecycle;
        this.stored = stored;
        this.events = events;
        this.relay = relay;
    }

    /** What a prune removed: the containers' ids and the bytes their writable layers took. */
    public record Pruned(List<String> ids, long reclaimed) {
    }

    /** Checks the filters first (400 in moby's words for an unknown key or a bad {@code until}), then prunes. */
    public Uni<Pruned> prune(TenantId tenant, DockerFilters filters) {
        filters.allowOnly(ACCEPTED);
        Instant now = Instant.now();
        // moby keeps the last until when several are given.
        Instant until = filters.get("until").stream().map(value -> DockerTimes.timestamp(value, now))
                .reduce((first, second) -> second).orElse(null);
        List<String> removed = new ArrayList<>();
        return lookup.list(tenant)
                .map(rows -> rows.stream().filter(row -> prunable(row, until, filters)).map(row -> row.id).toList())
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> lifecycle.remove(tenant, id, false)
                                .invoke(done -> removed.add(id))
                                .onFailure().invoke(e -> LOG.warnf("prune leaves container %s: %s", id, e.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().last())
                // The node does not measure a container's writable layer yet, so nothing is counted (issue 9).
                .map(done -> new Pruned(List.copyOf(removed), 0))
                .call(pruned -> Panache.withTransaction(() -> events.pruned(tenant, pruned.reclaimed())))
                .invoke(relay::wakeUp);
    }

    private boolean prunable(ContainerEntity row, Instant until, DockerFilters filters) {
        if (row.state().isActive()) {
            return false;
        }
        if (until != null && row.createdAt.isAfter(until)) {
            return false;
        }
        Map<String, String> labels = stored.of(row);
        return filters.matchesLabels(labels) && !(filters.has("label!") && filters.matchesLabels("label!", labels));
    }
}
