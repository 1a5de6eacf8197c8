package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.Image;
import io.berth.image.blob.BlobStore;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.store.BuildSteps;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code docker history}: the image config's history, newest first, each step that made a layer with that layer's
 * unpacked size (moby daemon/images/image_history.go). As dockerd, the lines carry the ids of the image's ancestors
 * as far as this installation has them: the newest the image's own, each older one its parent's, and so on; a build
 * step's or a commit's image names its parent in its config's {@code Image}, and the tenant's images and its build
 * cache are where they are looked up. Past the last ancestor the tenant has (a pulled image's older lines), dockerd's
 * {@code <missing>}. Each ancestor's line carries its tags.
 */
@ApplicationScoped
public class ImageHistory {
    private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");
    private final ImageService images;
    private final ImageRepository imageRows;
    private final BuildSteps steps;
    private final TagRepository tags;
    private final BlobStore blobs;

    ImageHistory(ImageService images, ImageRepository imageRows, BuildSteps steps, TagRepository tags, BlobStore blobs) {
        this.images = images;
        this.imageRows = imageRows;
        this.steps = steps;
        this.tags = tags;
        this.blobs = blobs;
    }

    /** One step. */
    public record Step(String id, long created, String createdBy, List<String> tags, long size, String comment) {
    }

    /** An ancestor: its id and tags. */
    record Ancestor(String id, List<String> tags) {
    }

    public Uni<List<Step>> of(TenantId tenant, String name) {
        return images.inspect(tenant, name).flatMap(image -> Panache.withSession(() -> ImageLayerEntity
                .<ImageLayerEntity>list("tenant = ?1 and imageId = ?2 order by position", tenant.value(), image.id().toString())
                .flatMap(layers -> ancestors(tenant, image.id().toString(), new ArrayList<>(),
                        image.config().history() == null ? 1 : image.config().history().size())
                        .map(chain -> steps(image, layers, chain)))));
    }

    /** The image and its ancestors the tenant has, newest first, at most {@code limit}. Needs a session. */
    private Uni<List<Ancestor>> ancestors(TenantId tenant, String id, List<Ancestor> found, int limit) {
        if (found.size() >= limit || found.stream().anyMatch(a -> a.id().equals(id))) {
            return Uni.createFrom().item(found);
        }
        return config(tenant, id).flatMap(config -> {
            if (config == null) {
                return Uni.createFrom().item(found);
            }
            return tags.forImage(tenant, id).flatMap(named -> {
                found.add(new Ancestor(id, named.stream().map(TagEntity::repoTag).toList()));
                String parent = parentOf(config);
                return parent == null ? Uni.createFrom().item(found) : ancestors(tenant, parent, found, limit);
            });
        });
    }

    /** The config of the tenant's image or cached build step {@code id}, or null when the tenant has neither. */
    private Uni<byte[]> config(TenantId tenant, String id) {
        return imageRows.byId(tenant, id).flatMap(row -> {
            if (row != null) {
                return Uni.createFrom().item(row.configJson.getBytes(StandardCharsets.UTF_8));
            }
            return steps.byImage(tenant, id).map(step -> step.map(cached -> {
                try {
                    return Files.readAllBytes(blobs.path(Digest.parse(cached.imageId())));
                } catch (IOException e) {
                    return null;
                }
            }).orElse(null));
        });
    }

    /** The parent a build step's or commit's image names in its config's {@code Image}; null for none. */
    static String parentOf(byte[] config) {
        try {
            JsonNode image = OciJson.tree(config).path("config").path("Image");
            return image.isTextual() && IMAGE_ID.matcher(image.asText()).matches() ? image.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static List<Step> steps(Image image, List<ImageLayerEntity> layers, List<Ancestor> chain) {
        List<OciImageConfig.History> history = image.config().history();
        List<Step> steps = new ArrayList<>();
        int layer = 0;
        if (history == null || history.isEmpty()) {
            // An image without history (some imports): one step per layer.
            for (ImageLayerEntity each : layers) {
                steps.add(new Step(null, image.created().getEpochSecond(), "", null, each.size, ""));
            }
        } else {
            for (OciImageConfig.History entry : history) {
                long size = 0;
                if (!Boolean.TRUE.equals(entry.emptyLayer()) && layer < layers.size()) {
                    size = layers.get(layer++).size;
                }
                steps.add(new Step(null, epoch(entry.created()), nullToEmpty(entry.createdBy()), null, size,
                        nullToEmpty(entry.comment())));
            }
        }
        List<Step> newestFirst = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            int age = steps.size() - 1 - i;
            Ancestor ancestor = age < chain.size() ? chain.get(age) : null;
            newestFirst.add(new Step(ancestor == null ? "<missing>" : ancestor.id(), step.created(), step.createdBy(),
                    ancestor == null || ancestor.tags().isEmpty() ? null : ancestor.tags(), step.size(), step.comment()));
        }
        return newestFirst;
    }

    private static long epoch(String created) {
        if (created == null || created.isEmpty()) {
            return 0;
        }
        try {
            return OffsetDateTime.parse(created).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH.getEpochSecond();
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
