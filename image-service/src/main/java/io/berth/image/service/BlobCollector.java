package io.berth.image.service;

import io.berth.image.blob.BlobStore;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Removes blobs nothing references any more, after an image was removed: a blob stays while any tenant's image has it
 * as config, manifest or layer, any registry repository links it, or a cached build step's image needs it. Blobs are
 * shared by tenants (content-addressed), so the check is across all of them. Answers the bytes it freed.
 */
@ApplicationScoped
public class BlobCollector {
    private static final Logger LOG = Logger.getLogger(BlobCollector.class);

    private final BlobStore blobs;
    private final Vertx vertx;

    BlobCollector(BlobStore blobs, Vertx vertx) {
        this.blobs = blobs;
        this.vertx = vertx;
    }

    /** Removes those of {@code candidates} that nothing references; the bytes freed. */
    public Uni<Long> collect(List<Digest> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<String> digests = candidates.stream().map(Digest::toString).distinct().toList();
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT d FROM unnest(CAST(:digests AS varchar[])) AS d
                WHERE NOT EXISTS (SELECT 1 FROM image WHERE id = d OR manifest_digest = d)
                  AND NOT EXISTS (SELECT 1 FROM image_layer WHERE digest = d)
                  AND NOT EXISTS (SELECT 1 FROM registry_blob WHERE digest = d)
                  AND NOT EXISTS (SELECT 1 FROM build_step WHERE image_id = d OR manifest_digest = d OR d = ANY(layers))""", String.class)
                .setParameter("digests", digests.toArray(String[]::new))
                .getResultList()))
                .flatMap(unreferenced -> vertx.executeBlocking(Uni.createFrom().item(() -> delete(unreferenced))));
    }

    private long delete(List<String> unreferenced) {
        long freed = 0;
        for (String digest : unreferenced) {
            try {
                var path = blobs.path(Digest.parse(digest));
                long size = Files.exists(path) ? Files.size(path) : 0;
                if (Files.deleteIfExists(path)) {
                    freed += size;
                }
            } catch (IOException e) {
                // A blob that cannot be removed now is only space; the next removal that names it tries again.
                LOG.warnf("cannot remove blob %s: %s", digest, e.getMessage());
            }
        }
        return freed;
    }
}
