package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.blob.BlobStore;
import io.berth.image.oci.OciJson;
import io.berth.image.store.BuildSteps;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The build-cache rows of {@code docker system df}: one per cached build step of the tenant ({@code build_step}),
 * described by its history line, sized by the layer it made (none for a metadata step), and {@code Shared} when that
 * layer is also one of the tenant's images' (then {@code docker builder prune} would not free it). dockerd 20.10's
 * classic builder keeps its steps as images and lists no build cache; Berth keeps them apart from images
 * (notes/issue-8.md), so this is where their space shows.
 */
@ApplicationScoped
public class BuildCacheUsage {
    private final BuildSteps steps;
    private final BlobStore blobs;

    BuildCacheUsage(BuildSteps steps, BlobStore blobs) {
        this.steps = steps;
        this.blobs = blobs;
    }

    /** One cached step as Docker's {@code BuildCache} record describes it. */
    public record Entry(String id, String description, long size, boolean shared, Instant createdAt) {
    }

    /** The tenant's cached steps, oldest first; {@code imageLayers} are the layer digests of the tenant's images. */
    public Uni<List<Entry>> of(TenantId tenant, Set<String> imageLayers) {
        return Panache.withSession(() -> steps.listFor(tenant)).map(cached -> {
            List<Entry> entries = new ArrayList<>();
            for (BuildSteps.Cached step : cached) {
                JsonNode last = lastHistoryLine(step.imageId());
                boolean madeLayer = last != null && !last.path("empty_layer").asBoolean(false) && !step.layers().isEmpty();
                String layer = madeLayer ? step.layers().getLast() : null;
                long size = madeLayer ? step.layerSizes().getLast() : 0;
                entries.add(new Entry(step.cacheKey(), last == null ? "" : last.path("created_by").asText(""), size,
                        layer != null && imageLayers.contains(layer), step.createdAt()));
            }
            return entries;
        });
    }

    private JsonNode lastHistoryLine(String imageId) {
        try {
            JsonNode history = OciJson.tree(Files.readAllBytes(blobs.path(Digest.parse(imageId)))).path("history");
            return history.isArray() && !history.isEmpty() ? history.get(history.size() - 1) : null;
        } catch (IOException | IllegalArgumentException e) {
            // A step whose config is gone is cache no more: it is listed without a description.
            return null;
        }
    }
}
