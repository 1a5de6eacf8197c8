package io.berth.image.service;

import io.berth.image.RepositoryName;
import io.berth.image.blob.BlobStore;
import io.berth.image.store.RegistryStore;
import io.berth.image.store.RegistryUploadEntity;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Blob upload sessions of Berth's registry: started by a POST, fed by PATCHes (the HTTP layer writes the bytes into the
 * session's file), closed by a PUT naming the digest of the whole, or cancelled. The blob enters the store only when
 * its bytes have the digest the client named; a session that fails its digest is removed, so nothing half-made stays.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs">pushing blobs</a>
 */
@ApplicationScoped
public class RegistryUploads {
    private final RegistryStore store;
    private final BlobStore blobs;
    private final Vertx vertx;

    RegistryUploads(RegistryStore store, BlobStore blobs, Vertx vertx) {
        this.store = store;
        this.blobs = blobs;
        this.vertx = vertx;
    }

    /** A live session: its id, the file its bytes are in, and how many it has. */
    public record Upload(String id, Path file, long size) {
    }

    /** Starts a session; its file exists, empty. */
    public Uni<Upload> start(TenantId tenant, RepositoryName name) {
        RegistryUploadEntity row = new RegistryUploadEntity();
        row.id = UUID.randomUUID().toString();
        row.tenant = tenant.value();
        row.repository = name.value();
        row.startedAt = Instant.now();
        return vertx.executeBlocking(Uni.createFrom().item(() -> blobs.createUpload(row.id)))
                .flatMap(file -> Panache.withTransaction(() -> store.addUpload(row))
                        .replaceWith(new Upload(row.id, file, 0)));
    }

    /** The tenant's session {@code id} of this repository, with its size now; {@code BLOB_UPLOAD_UNKNOWN} if none. */
    public Uni<Upload> find(TenantId tenant, RepositoryName name, String id) {
        RegistryException unknown = new RegistryException(RegistryErrorCode.BLOB_UPLOAD_UNKNOWN,
                Map.of("name", name.value(), "uuid", id));
        return Panache.withSession(() -> store.upload(tenant, name.value(), id)).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().failure(unknown);
            }
            Path file = blobs.upload(row.id);
            return vertx.fileSystem().exists(file.toString()).flatMap(exists -> exists
                    ? vertx.fileSystem().props(file.toString()).map(props -> new Upload(row.id, file, props.size()))
                    : Uni.createFrom().failure(unknown));
        });
    }

    /**
     * Closes the session: the blob enters the store and the repository if its bytes have {@code expected}; otherwise
     * the session is removed and the answer is {@code DIGEST_INVALID}, naming both digests.
     */
    public Uni<Long> finish(TenantId tenant, RepositoryName name, Upload upload, String expected) {
        Map<String, String> detail = Map.of("name", name.value(), "digest", String.valueOf(expected));
        Digest digest = expected == null ? null : Digest.tryParse(expected).orElse(null);
        if (digest == null) {
            return cancel(upload).flatMap(ignored -> Uni.createFrom().failure(new RegistryException(
                    RegistryErrorCode.DIGEST_INVALID, 400, expected == null
                            ? "the closing PUT must name the blob's digest (?digest=sha256:…)" : "invalid digest " + expected,
                    detail)));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> blobs.adopt(upload.file(), digest))).flatMap(actual -> {
            if (!actual.equals(digest)) {
                return cancel(upload).flatMap(ignored -> Uni.createFrom().failure(new RegistryException(
                        RegistryErrorCode.DIGEST_INVALID, 400, "uploaded content has digest " + actual + ", not " + digest,
                        detail)));
            }
            return Panache.withTransaction(() -> store.link(tenant, name.value(), digest.toString(), upload.size())
                    .flatMap(ignored -> store.deleteUpload(upload.id()))).replaceWith(upload.size());
        });
    }

    /** Removes the session and its bytes; removing one that is gone changes nothing. */
    public Uni<Void> cancel(Upload upload) {
        return Panache.withTransaction(() -> store.deleteUpload(upload.id()))
                .flatMap(ignored -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        Files.deleteIfExists(upload.file());
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }))).replaceWithVoid();
    }
}
