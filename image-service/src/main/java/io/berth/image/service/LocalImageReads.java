package io.berth.image.service;

import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.store.ImageEntity;
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
 * {@code NAME_UNKNOWN}, exactly like one that does not exist.
 */
@ApplicationScoped
public class LocalImageReads {
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private final ImageRepository images;
    private final TagRepository tags;
    private final BlobStore blobs;

    LocalImageReads(ImageRepository images, TagRepository tags, BlobStore blobs) {
        this.images = images;
        this.tags = tags;
        this.blobs = blobs;
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
