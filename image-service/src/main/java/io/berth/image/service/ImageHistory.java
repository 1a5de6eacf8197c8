package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.store.ImageLayerEntity;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker history}: the image config's history, newest first, each step that made a layer with that layer's
 * unpacked size (moby daemon/images/image_history.go). The newest step carries the image's id and tags; the others,
 * whose own images this installation does not have, show {@code <missing>} as dockerd does for a pulled image.
 */
@ApplicationScoped
public class ImageHistory {
    private final ImageService images;

    ImageHistory(ImageService images) {
        this.images = images;
    }

    /** One step. */
    public record Step(String id, long created, String createdBy, List<String> tags, long size, String comment) {
    }

    public Uni<List<Step>> of(TenantId tenant, String name) {
        return images.inspect(tenant, name).flatMap(image -> Panache.withSession(() -> ImageLayerEntity
                .<ImageLayerEntity>list("tenant = ?1 and imageId = ?2 order by position", tenant.value(), image.id().toString()))
                .map(layers -> steps(image, layers)));
    }

    static List<Step> steps(Image image, List<ImageLayerEntity> layers) {
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
            boolean top = i == steps.size() - 1;
            newestFirst.add(new Step(top ? image.id().toString() : "<missing>", step.created(), step.createdBy(),
                    top ? image.tags().stream().map(Object::toString).toList() : null, step.size(), step.comment()));
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
