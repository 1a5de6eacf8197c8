package io.berth.image.service;

import io.berth.image.store.BuildSteps;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker builder prune} ({@code POST /build/prune}): forgets the tenant's build cache (every {@code build_step}
 * row, so the next build does every step again) and removes the blobs nothing else needs. Images made by builds stay:
 * their blobs are theirs.
 */
@ApplicationScoped
public class BuildCachePrune {
    private final BuildSteps steps;
    private final BlobCollector collector;

    BuildCachePrune(BuildSteps steps, BlobCollector collector) {
        this.steps = steps;
        this.collector = collector;
    }

    /** What was pruned: the cache entries (their keys) and the bytes freed. */
    public record Pruned(List<String> keys, long freed) {
    }

    public Uni<Pruned> prune(TenantId tenant) {
        return Panache.withTransaction(() -> steps.deleteAll(tenant)).flatMap(rows -> {
            List<String> keys = new ArrayList<>();
            List<Digest> blobs = new ArrayList<>();
            for (Object[] row : rows) {
                keys.add((String) row[0]);
                blobs.add(Digest.parse((String) row[1]));
                blobs.add(Digest.parse((String) row[2]));
                String layers = (String) row[3];
                if (layers != null && !layers.isEmpty()) {
                    for (String layer : layers.split(",")) {
                        blobs.add(Digest.parse(layer));
                    }
                }
            }
            return collector.collect(blobs).map(freed -> new Pruned(keys, freed));
        });
    }
}
