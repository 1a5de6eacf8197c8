package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.RepositoryName;
import io.berth.image.blob.BlobStore;
import io.berth.image.oci.ManifestDocument;
import io.berth.image.oci.OciJson;
import io.berth.image.store.RegistryManifestEntity;
import io.berth.image.store.RegistryStore;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a tenant's repositories of Berth's registry hold: manifests by tag and digest, tags, referrers, blob links, and
 * cross-repository mounts. Another tenant's repository is exactly like one that does not exist. A manifest may name
 * only blobs linked to its repository (and an index only manifests of it), so what a repository serves is whole.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md">OCI distribution spec</a>
 */
@ApplicationScoped
public class RegistryContent {
    /** The spec's tag grammar. */
    public static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private final RegistryStore store;
    private final BlobStore blobs;

    RegistryContent(RegistryStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** A stored manifest: its exact bytes, media type and digest. */
    public record Manifest(byte[] content, String mediaType, Digest digest) {
    }

    /** A blob readable through a repository: where its bytes are, how many, and its digest. */
    public record Blob(Path path, long size, Digest digest) {
    }

    /** What a manifest push stored: its digest, and the subject it refers to (for {@code OCI-Subject}), if any. */
    public record Pushed(Digest digest, Optional<Digest> subject) {
    }

    /** One page of a repository's tags, and whether more follow. */
    public record TagPage(List<String> tags, boolean more) {
    }

    /** The manifest a tag or digest names in the repository. */
    public Uni<Manifest> manifest(TenantId tenant, RepositoryName name, String reference) {
        Map<String, String> detail = Map.of("name", name.value(), "reference", reference);
        Optional<Digest> digest = digestReference(reference, detail);
        if (digest.isEmpty() && !TAG.matcher(reference).matches()) {
            return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail));
        }
        return Panache.withSession(() -> digest.map(d -> Uni.createFrom().item(d.toString()))
                .orElseGet(() -> store.tag(tenant, name.value(), reference).map(tag -> tag == null ? null : tag.digest))
                .flatMap(found -> found == null ? Uni.createFrom().nullItem() : store.manifest(tenant, name.value(), found))
                .flatMap(row -> row != null ? Uni.createFrom().item(new Manifest(row.content, row.mediaType, Digest.parse(row.digest)))
                        : unknown(tenant, name, new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail))));
    }

    /**
     * Stores a manifest under a tag or its digest. It must be one of the manifest types {@link ManifestDocument}
     * takes, its digest must be the one named, and what it references must be in the repository already
     * ({@code MANIFEST_BLOB_UNKNOWN} otherwise, naming the first missing digest). A {@code subject} may be missing
     * (distribution spec: it MUST be accepted).
     */
    public Uni<Pushed> putManifest(TenantId tenant, RepositoryName name, String reference, String contentType, byte[] content) {
        Map<String, String> detail = Map.of("name", name.value(), "reference", reference);
        Optional<Digest> named = digestReference(reference, detail);
        if (named.isEmpty() && !TAG.matcher(reference).matches()) {
            return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.MANIFEST_INVALID, 400,
                    "invalid tag " + reference + ": a tag is up to 128 letters, digits, '_', '.' and '-'", detail));
        }
        ManifestDocument document;
        try {
            document = ManifestDocument.parse(content, contentType);
        } catch (ManifestDocument.Invalid e) {
            return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.MANIFEST_INVALID, 400, e.getMessage(), detail));
        }
        Digest digest = Digest.of(content);
        if (named.isPresent() && !named.get().equals(digest)) {
            return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.DIGEST_INVALID, 400,
                    "manifest digest is " + digest + ", not " + named.get(), detail));
        }
        RegistryManifestEntity row = new RegistryManifestEntity();
        row.tenant = tenant.value();
        row.repository = name.value();
        row.digest = digest.toString();
        row.mediaType = document.mediaType();
        row.content = content;
        row.subject = document.subject() == null ? null : document.subject().toString();
        row.artifactType = document.artifactType();
        row.annotations = document.annotations() == null ? null : document.annotations().toString();
        row.pushedAt = Instant.now();
        return Panache.withTransaction(() -> requireReferenced(tenant, name, document)
                .flatMap(ignored -> store.addManifest(row))
                .flatMap(ignored -> named.isPresent() ? Uni.createFrom().voidItem()
                        : store.tag(tenant, name.value(), reference, digest.toString())))
                .replaceWith(new Pushed(digest, Optional.ofNullable(document.subject())));
    }

    private Uni<Void> requireReferenced(TenantId tenant, RepositoryName name, ManifestDocument document) {
        List<String> blobDigests = document.blobs().stream().filter(ref -> !ref.foreign())
                .map(ref -> ref.digest().toString()).distinct().toList();
        List<String> manifestDigests = document.manifests().stream().map(ref -> ref.digest().toString()).distinct().toList();
        return store.linkedOf(tenant, name.value(), blobDigests)
                .flatMap(linked -> store.manifestsOf(tenant, name.value(), manifestDigests).map(present -> {
                    List<String> missing = new ArrayList<>(blobDigests);
                    missing.removeAll(linked);
                    List<String> missingManifests = new ArrayList<>(manifestDigests);
                    missingManifests.removeAll(present);
                    missing.addAll(missingManifests);
                    if (!missing.isEmpty()) {
                        throw new RegistryException(RegistryErrorCode.MANIFEST_BLOB_UNKNOWN, 400,
                                "manifest references " + missing.getFirst() + ", which repository " + name
                                        + " does not have; push it first", Map.of("name", name.value(), "digest", missing.getFirst()));
                    }
                    return null;
                }));
    }

    /** Deletes a manifest by digest (its tags go with it) or a tag alone. */
    public Uni<Void> deleteManifest(TenantId tenant, RepositoryName name, String reference) {
        Map<String, String> detail = Map.of("name", name.value(), "reference", reference);
        Optional<Digest> digest = digestReference(reference, detail);
        return Panache.withTransaction(() -> digest.isPresent()
                ? store.deleteManifest(tenant, name.value(), digest.get().toString())
                : store.deleteTag(tenant, name.value(), reference))
                .map(deleted -> {
                    if (!deleted) {
                        throw new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, detail);
                    }
                    return null;
                });
    }

    /** Up to {@code n} tags after {@code last}, in lexical order; all of them without {@code n}. */
    public Uni<TagPage> tags(TenantId tenant, RepositoryName name, Integer n, String last) {
        int limit = n == null ? Integer.MAX_VALUE - 1 : n;
        return Panache.withSession(() -> store.repositoryExists(tenant, name.value()).flatMap(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(nameUnknown(name));
            }
            if (limit == 0) {
                return Uni.createFrom().item(new TagPage(List.of(), false));
            }
            return store.tagNames(tenant, name.value(), last == null || last.isEmpty() ? null : last, limit + 1)
                    .map(found -> found.size() > limit ? new TagPage(found.subList(0, limit), true) : new TagPage(found, false));
        }));
    }

    /** The descriptors of the repository's manifests whose subject is {@code digest}, optionally of one artifact type. */
    public Uni<List<Map<String, Object>>> referrers(TenantId tenant, RepositoryName name, String digest, String artifactType) {
        Digest subject = Digest.tryParse(digest).orElseThrow(() ->
                new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("name", name.value(), "digest", digest)));
        return Panache.withSession(() -> store.referrers(tenant, name.value(), subject.toString())).map(rows -> rows.stream()
                .filter(row -> artifactType == null || artifactType.equals(row.artifactType))
                .map(RegistryContent::referrerDescriptor).toList());
    }

    private static Map<String, Object> referrerDescriptor(RegistryManifestEntity row) {
        Map<String, Object> descriptor = new java.util.LinkedHashMap<>();
        descriptor.put("mediaType", row.mediaType);
        descriptor.put("digest", row.digest);
        descriptor.put("size", row.content.length);
        if (row.artifactType != null) {
            descriptor.put("artifactType", row.artifactType);
        }
        if (row.annotations != null) {
            try {
                descriptor.put("annotations", OciJson.tree(row.annotations.getBytes(StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return descriptor;
    }

    /** A blob linked to the repository, whose bytes are in the store. */
    public Uni<Blob> blob(TenantId tenant, RepositoryName name, String reference) {
        Map<String, String> detail = Map.of("name", name.value(), "digest", reference);
        Digest digest = Digest.tryParse(reference).orElseThrow(() -> new RegistryException(RegistryErrorCode.DIGEST_INVALID, detail));
        return Panache.withSession(() -> store.blob(tenant, name.value(), digest.toString()))
                .flatMap(link -> link == null
                        ? unknown(tenant, name, new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, detail))
                        : blobs.size(digest).map(size -> size.map(actual -> new Blob(blobs.path(digest), actual, digest))
                                .orElseThrow(() -> new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, detail))));
    }

    /** Unlinks a blob from the repository; its bytes stay while anything else references them. */
    public Uni<Void> deleteBlob(TenantId tenant, RepositoryName name, String reference) {
        Map<String, String> detail = Map.of("name", name.value(), "digest", reference);
        Digest digest = Digest.tryParse(reference).orElseThrow(() -> new RegistryException(RegistryErrorCode.DIGEST_INVALID, detail));
        return Panache.withTransaction(() -> store.unlink(tenant, name.value(), digest.toString())).map(deleted -> {
            if (!deleted) {
                throw new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, detail);
            }
            return null;
        });
    }

    /**
     * Links a blob the tenant has in repository {@code from} (or, without one, in any of its repositories: the spec
     * lets a registry mount automatically) to {@code name}; false when there is nothing to mount, and the client then
     * uploads it.
     */
    public Uni<Boolean> mount(TenantId tenant, RepositoryName name, Digest digest, Optional<RepositoryName> from) {
        return Panache.withTransaction(() -> from.map(source -> store.blob(tenant, source.value(), digest.toString()))
                .orElseGet(() -> store.linkedAnywhere(tenant, digest.toString()))
                .flatMap(link -> link == null ? Uni.createFrom().item(false) : blobs.size(digest).flatMap(size -> size.isEmpty()
                        ? Uni.createFrom().item(false)
                        : store.link(tenant, name.value(), digest.toString(), link.size).replaceWith(true))));
    }

    /** {@code NAME_UNKNOWN} when the repository holds nothing, else {@code otherwise}. */
    private <T> Uni<T> unknown(TenantId tenant, RepositoryName name, RegistryException otherwise) {
        return Panache.withSession(() -> store.repositoryExists(tenant, name.value()))
                .flatMap(exists -> Uni.createFrom().failure(exists ? otherwise : nameUnknown(name)));
    }

    private static RegistryException nameUnknown(RepositoryName name) {
        return new RegistryException(RegistryErrorCode.NAME_UNKNOWN, Map.of("name", name.value()));
    }

    /** A reference with a colon is a digest, which must parse; one without is a tag (empty here). */
    private static Optional<Digest> digestReference(String reference, Map<String, String> detail) {
        if (!reference.contains(":")) {
            return Optional.empty();
        }
        return Optional.of(Digest.tryParse(reference).orElseThrow(() ->
                new RegistryException(RegistryErrorCode.DIGEST_INVALID, 400, "invalid digest " + reference, detail)));
    }
}
