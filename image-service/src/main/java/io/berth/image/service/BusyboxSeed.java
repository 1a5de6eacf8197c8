package io.berth.image.service;

import io.berth.image.blob.BlobStore;
import io.berth.image.build.BuiltImage;
import io.berth.image.build.BuiltLayer;
import io.berth.image.build.BusyboxImage;
import io.berth.image.config.ImageServiceConfig;
import io.berth.kit.tenant.TenantId;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Gives a new installation something to run: when tenant {@code default} has no image at start, makes
 * {@code busybox:latest} from the host's busybox-static. Runs on the startup thread, never on the event loop; safe when
 * two replicas start at once (same bytes, same digests, inserts that ignore what is there).
 */
@ApplicationScoped
public class BusyboxSeed {
    private static final Logger LOG = Logger.getLogger(BusyboxSeed.class);

    private final ImageService images;
    private final BlobStore blobs;
    private final ImageServiceConfig config;

    BusyboxSeed(ImageService images, BlobStore blobs, ImageServiceConfig config) {
        this.images = images;
        this.blobs = blobs;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seed().enabled()) {
            seed();
        }
    }

    /** Seeds when tenant {@code default} has no image; true when this call added busybox. Blocking. */
    public boolean seed() {
        if (await(() -> images.count(TenantId.DEFAULT)) > 0) {
            return false;
        }
        Path busybox = config.seed().busybox();
        if (!Files.isExecutable(busybox)) {
            LOG.warnf("no busybox at %s (install busybox-static): starting without a seed image", busybox);
            return false;
        }
        BuiltImage image = BusyboxImage.build(busybox);
        store(image);
        boolean added = await(() -> images.add(TenantId.DEFAULT, image.stored(), BusyboxImage.REPOSITORY, BusyboxImage.TAG));
        if (added) {
            LOG.infof("seeded %s:%s as %s from %s", BusyboxImage.REPOSITORY, BusyboxImage.TAG, image.configDigest(), busybox);
        }
        return added;
    }

    /** Writes the image's blobs, each checked against the digest the manifest names. Blocking. */
    void store(BuiltImage image) {
        for (BuiltLayer layer : image.layers()) {
            blobs.put(new ByteArrayInputStream(layer.compressed()), Optional.of(layer.digest()));
        }
        blobs.put(new ByteArrayInputStream(image.config()), Optional.of(image.configDigest()));
        blobs.put(new ByteArrayInputStream(image.manifest()), Optional.of(image.manifestDigest()));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            // Hibernate Reactive needs a Vert.x context; this borrows one and waits here, off the event loop.
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("seeding failed", e);
        }
    }
}
