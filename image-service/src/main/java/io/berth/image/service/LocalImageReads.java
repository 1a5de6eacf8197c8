package io.berth.image.service;

import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.store.BuildSteps;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OCI distribution read path over a tenant's local images (the internal {@code /internal/v2/} a node fetches
 * layers through): a repository holds what the tenant tagged in it, and a blob
 * is readable through a repository only when one of its images references it. Another tenant's repository is
 * {@code NAME_UNKNOWN}, exactly like one that does not exist. One name is reserved: {@link #BUILD_REPOSITORY} holds,
 * by digest only, every image of the tenant, the intermediate images of its builds included, so that a node can run a
 * build's RUN step on an image no tag names.
 */
@ApplicationScoped
public class LocalImageReads {
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    /** The repository a build step's node reads its image through (by manifest digest). */
    public static final String BUILD_REPOSITORY = "berth-build/steps";

    private final ImageRepository images;
    private final TagRepository tags;
    private final BlobStore blobs;
    private final BuildSteps steps;

    LocalImageReads(ImageRepository images, TagRepository tags, BlobStore blobs, BuildSteps steps) {
        this.images = images;
        this.tags = tags;
        this.blobs = blobs;
        this.steps = steps;
    }

    /** A manifest's exact bytes, its media type and digest. */
    public record Manifest(byte[] content, String mediaType, Digest digest) {
    }

    /** Where a blob's bytes are, how many there are, and their digest. */
    public record Blob(Path path, long size, Digest digest) {
    }

    /** The manifest a tag or digest names in the repository. */
    public Uni<Manifest> manifest(TenantId tenant, String name, String reference) {
        String repository = repository(name);
        Map<String, String> detail = Map.of("name", name, "reference", reference);
        Optional<Digest> digest = reference.contains(":") ? Optional.of(digest(reference, name)) : Optional.empty();
        if (digest.isEmpty() && !TAG.matcher(reference).matches()) {
            return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail));
        }
        if (repository.equals(BUILD_REPOSITORY) && digest.isPresent()) {
            return buildManifest(tenant, digest.get(), detail);
        }
        return Panache.withSession(() -> imagesIn(tenant, repository, name)).map(inRepo -> inRepo.images().stream()
                .filter(image -> digest.map(d -> image.manifestDigest.equals(d.toString()))
                        .orElseGet(() -> inRepo.tags().stream().anyMatch(t -> t.tag.equals(reference) && t.imageId.equals(image.id))))
                .findFirst()
                .map(image -> new Manifest(image.manifest, image.mediaType, Digest.parse(image.manifestDigest)))
                .orElseThrow(() -> new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail)));
    }

    /** A blob one of the repository's images references: its config, a layer, or the manifest itself. */
    public Uni<Blob> blob(TenantId tenant, String name, String reference) {
        String repository = repository(name);
        Digest digest = digest(reference, name);
        RegistryException unknown = new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("name", name, "digest", reference));
        if (repository.equals(BUILD_REPOSITORY)) {
            return buildBlob(tenant, digest, unknown);
        }
        return Panache.withSession(() -> imagesIn(tenant, repository, name))
                .map(inRepo -> inRepo.images().stream()
                        .flatMap(image -> referenced(image))
                        .filter(descriptor -> descriptor.digest().equals(digest.toString()))
                        .findFirst().orElseThrow(() -> unknown))
                // The size the manifest promised is checked against the file, which may be missing.
                .flatMap(descriptor -> blobs.size(digest).map(size -> size
                        .filter(actual -> actual == descriptor.size())
                        .map(actual -> new Blob(blobs.path(digest), actual, digest))
                        .orElseThrow(() -> unknown)));
    }

    /** A manifest of any image of the tenant, its builds' intermediate images included. */
    private Uni<Manifest> buildManifest(TenantId tenant, Digest digest, Map<String, String> detail) {
        RegistryException unknown = new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail);
        Uni<Manifest> stored = Panache.withSession(() -> images.find("tenant = ?1 and manifestDigest = ?2", tenant.value(),
                digest.toString()).firstResult().map(row -> row == null ? null : new Manifest(row.manifest, row.mediaType,
                        digest)));
        return stored.flatMap(found -> found != null ? Uni.createFrom().item(found)
                : Panache.withSession(() -> steps.references(tenant, digest.toString()))
                        .flatMap(built -> built ? blobs.size(digest) : Uni.createFrom().failure(unknown))
                        .map(size -> size.map(ignored -> new Manifest(blobs.read(digest), MediaTypes.OCI_MANIFEST, digest))
                                .orElseThrow(() -> unknown)));
    }

    /** A blob any image of the tenant references, its builds' intermediate images included. */
    private Uni<Blob> buildBlob(TenantId tenant, Digest digest, RegistryException unknown) {
        String d = digest.toString();
        return Panache.withSession(() -> steps.references(tenant, d).flatMap(built -> built
                ? Uni.createFrom().item(true)
                : images.count("tenant = ?1 and (id = ?2 or manifestDigest = ?2)", tenant.value(), d).flatMap(n -> n > 0
                        ? Uni.createFrom().item(true)
                        : ImageLayerEntity.count("tenant = ?1 and digest = ?2", tenant.value(), d).map(m -> m > 0))))
                .flatMap(known -> known ? blobs.size(digest) : Uni.createFrom().failure(unknown))
                .map(size -> size.map(actual -> new Blob(blobs.path(digest), actual, digest)).orElseThrow(() -> unknown));
    }

    private record InRepository(List<TagEntity> tags, List<ImageEntity> images) {
    }

    private Uni<InRepository> imagesIn(TenantId tenant, String repository, String name) {
        return tags.inRepository(tenant, repository).flatMap(inRepo -> {
            if (inRepo.isEmpty()) {
                return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.NAME_UNKNOWN, Map.of("name", name)));
            }
            return images.byIds(tenant, inRepo.stream().map(tag -> tag.imageId).distinct().toList())
                    .map(rows -> new InRepository(inRepo, rows));
        });
    }

    private static Stream<OciDescriptor> referenced(ImageEntity image) {
        OciManifest manifest = OciJson.read(image.manifest, OciManifest.class);
        Stream<OciDescriptor> own = Stream.of(OciDescriptor.of(image.mediaType, image.manifestDigest, image.manifest.length));
        Stream<OciDescriptor> config = manifest.config() == null ? Stream.empty() : Stream.of(manifest.config());
        Stream<OciDescriptor> layers = manifest.layers() == null ? Stream.empty() : manifest.layers().stream();
        return Stream.concat(own, Stream.concat(config, layers));
    }

    /** The repository a registry name means, in Docker's familiar form; {@code NAME_INVALID} for a malformed one. */
    private static String repository(String name) {
        try {
            ImageReference ref = ImageReference.parse(name);
            if (ref.tag() == null && ref.digest() == null) {
                return ref.familiarName();
            }
        } catch (InvalidParameterException e) {
            // Falls through to the registry's own error.
        }
        throw new RegistryException(RegistryErrorCode.NAME_INVALID, Map.of("name", name));
    }

    private static Digest digest(String reference, String name) {
        return Digest.tryParse(reference).orElseThrow(() ->
                new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("name", name, "digest", reference)));
    }
}
