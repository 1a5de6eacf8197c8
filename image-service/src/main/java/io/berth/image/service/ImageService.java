package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.ImageReference;
import io.berth.image.ResolvedImage;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The image use cases: list, inspect, resolve for a container, and adding an image whose blobs are already stored. */
@ApplicationScoped
public class ImageService {
    private final ImageRepository images;
    private final TagRepository tags;
    private final ImageResolver resolver;

    ImageService(ImageRepository images, TagRepository tags, ImageResolver resolver) {
        this.images = images;
        this.tags = tags;
        this.resolver = resolver;
    }

    /** The tenant's images, newest first, each with its tags. */
    public Uni<List<Image>> list(TenantId tenant) {
        return Panache.withSession(() -> images.listFor(tenant).flatMap(rows -> tags.listFor(tenant).map(all -> {
            Map<String, List<TagEntity>> byImage = all.stream().collect(Collectors.groupingBy(tag -> tag.imageId));
            return rows.stream().map(row -> ImageRows.of(row, byImage.getOrDefault(row.id, List.of()))).toList();
        })));
    }

    /** The image {@code name} means (reference, id or id prefix); 404 {@code No such image: ...} when none. */
    public Uni<Image> inspect(TenantId tenant, String name) {
        return Panache.withSession(() -> resolver.resolve(tenant, name)
                .flatMap(row -> tags.forImage(tenant, row.id).map(named -> ImageRows.of(row, named))));
    }

    /**
     * What a container of {@code reference} is made of (container-service's internal resolve call): the image, found
     * as {@link #inspect} finds it, and the repository a node fetches it through. A reference that names one of the
     * image's repositories gives that one; an id or id prefix gives the first repository the image is tagged in.
     */
    public Uni<ResolvedImage> resolve(TenantId tenant, String reference) {
        return inspect(tenant, reference).map(image -> new ResolvedImage(image, repository(reference, image)));
    }

    private static String repository(String reference, Image image) {
        List<String> repositories = image.repositories();
        if (repositories.isEmpty()) {
            // An untagged image (a commit or import without a repository, a build's result): the reserved build
            // repository serves every image of the tenant by digest.
            return LocalImageReads.BUILD_REPOSITORY;
        }
        String named = ImageReference.isFullId(reference) ? null : ImageReference.parse(reference).familiarName();
        return repositories.contains(named) ? named : repositories.getFirst();
    }

    /** How many images the tenant has. */
    public Uni<Long> count(TenantId tenant) {
        return Panache.withSession(() -> images.countFor(tenant));
    }

    /**
     * Records an image whose blobs are in the blob store and tags it, in one transaction. Adding what is there already
     * changes nothing, so two replicas may add the same image at once; true when this call added the image.
     */
    public Uni<Boolean> add(TenantId tenant, NewImage built, String repository, String tag) {
        TagEntity named = new TagEntity();
        named.tenant = tenant.value();
        named.repository = repository;
        named.tag = tag;
        named.imageId = built.configDigest().toString();
        named.taggedAt = Instant.now();
        return Panache.withTransaction(() -> addRows(tenant, built)
                .flatMap(added -> tags.addIfAbsent(named).replaceWith(added)));
    }

    /**
     * Records the image and its layers unless the tenant has it, inside the caller's transaction; true when this call
     * added it. For the use cases that add an image and then name it their own way (pull, load, import).
     */
    public Uni<Boolean> addRows(TenantId tenant, NewImage built) {
        ImageEntity image = new ImageEntity();
        image.tenant = tenant.value();
        image.id = built.configDigest().toString();
        image.manifestDigest = built.manifestDigest().toString();
        image.mediaType = built.manifestMediaType();
        image.manifest = built.manifest();
        image.configJson = new String(built.config(), StandardCharsets.UTF_8);
        image.size = built.size();
        image.created = built.created();
        image.addedAt = Instant.now();
        return images.addIfAbsent(image).flatMap(added -> {
            if (!added) {
                return Uni.createFrom().item(false);
            }
            List<ImageLayerEntity> layers = new java.util.ArrayList<>();
            for (int i = 0; i < built.layers().size(); i++) {
                StoredLayer layer = built.layers().get(i);
                ImageLayerEntity row = new ImageLayerEntity();
                row.tenant = tenant.value();
                row.imageId = image.id;
                row.position = i;
                row.digest = layer.digest().toString();
                row.diffId = layer.diffId().toString();
                row.size = layer.size();
                layers.add(row);
            }
            return ImageLayerEntity.persist(layers).replaceWith(true);
        });
    }
}
