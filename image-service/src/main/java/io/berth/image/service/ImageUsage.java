package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageUsers;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a tenant's images take up, for {@code docker system df} (moby daemon/images/image_list.go with shared sizes):
 * each image with the bytes it shares with others and how many containers use it, and the size of all distinct
 * layers together.
 */
@ApplicationScoped
public class ImageUsage {
    private final ImageService images;
    private final ImageUsers users;
    private final BuildCacheUsage buildCache;

    ImageUsage(ImageService images, ImageUsers users, BuildCacheUsage buildCache) {
        this.images = images;
        this.users = users;
        this.buildCache = buildCache;
    }

    /** One image's row: the image, the size of its layers other images have too, and its containers. */
    public record Row(Image image, long sharedSize, long containers) {
    }

    /** Every image's row, the unpacked size of all distinct layers, and the build cache's rows. */
    public record Usage(List<Row> rows, long layersSize, List<BuildCacheUsage.Entry> buildCache) {
    }

    public Uni<Usage> of(TenantId tenant) {
        return images.list(tenant).flatMap(all -> Panache.withSession(() -> ImageLayerEntity
                .<ImageLayerEntity>list("tenant", tenant.value())
                .flatMap(layers -> users.counts(tenant).map(counts -> usage(all, layers, counts))
                        .flatMap(usage -> buildCache.of(tenant, layers.stream().map(layer -> layer.digest)
                                .collect(Collectors.toSet()))
                                .map(cache -> new Usage(usage.rows(), usage.layersSize(), cache))))));
    }

    static Usage usage(List<Image> all, List<ImageLayerEntity> layers, Map<String, Long> counts) {
        Map<String, Long> sizeByDigest = new HashMap<>();
        Map<String, Long> imagesByDigest = new HashMap<>();
        Map<String, List<ImageLayerEntity>> byImage = layers.stream().collect(Collectors.groupingBy(layer -> layer.imageId));
        for (List<ImageLayerEntity> own : byImage.values()) {
            own.stream().map(layer -> layer.digest).distinct().forEach(digest -> imagesByDigest.merge(digest, 1L, Long::sum));
            own.forEach(layer -> sizeByDigest.put(layer.digest, layer.size));
        }
        List<Row> rows = all.stream().map(image -> {
            long shared = byImage.getOrDefault(image.id().toString(), List.of()).stream()
                    .filter(layer -> imagesByDigest.getOrDefault(layer.digest, 0L) > 1)
                    .map(layer -> layer.digest).distinct().mapToLong(sizeByDigest::get).sum();
            return new Row(image, shared, counts.getOrDefault(image.id().toString(), 0L));
        }).toList();
        return new Usage(rows, sizeByDigest.values().stream().mapToLong(Long::longValue).sum(), List.of());
    }
}
