package io.berth.image.pull;

import io.berth.image.archive.LayerCheck;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.StoredLayer;
import io.berth.image.config.ImageServiceConfig;
import io.berth.kit.errors.InternalException;
import io.berth.oci.Digest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches layers into the blob store, each once however many pulls want it at the same time (moby's download
 * manager): the bytes go to a scratch file with their digest taken as they arrive ({@code Downloading}), the digest
 * and size are checked ({@code Verifying Checksum}), the layer is read once more for its diff id and safety
 * ({@code Extracting}, {@link LayerCheck}), and only then does the file move into the store ({@code Pull complete}).
 * A download that stalls longer than the configured time is given up.
 */
@ApplicationScoped
public class LayerDownloads {
    private static final int BUFFER = 1 << 16;
    /** Progress lines at most this often per layer, as moby's progress reader (100 ms). */
    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BlobStore blobs;
    private final Duration stall;
    private final ConcurrentHashMap<Digest, CompletableFuture<StoredLayer>> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("layer-download-watchdog").factory());

    LayerDownloads(BlobStore blobs, ImageServiceConfig config) {
        this.blobs = blobs;
        this.stall = config.registries().stallTimeout();
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }

    /** The layer, in the store with its diff id; waits for a download another pull has begun. Blocking. */
    public StoredLayer fetch(RegistrySession session, RemoteImage.Layer layer, ProgressSink progress) {
        String id = layer.shortId();
        CompletableFuture<StoredLayer> mine = new CompletableFuture<>();
        CompletableFuture<StoredLayer> running = inFlight.putIfAbsent(layer.digest(), mine);
        if (running != null) {
            progress.step(id, "Waiting");
            try {
                StoredLayer shared = running.join();
                progress.step(id, "Download complete");
                progress.step(id, "Pull complete");
                return shared;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            StoredLayer stored = download(session, layer, progress);
            mine.complete(stored);
            return stored;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(layer.digest(), mine);
        }
    }

    private StoredLayer download(RegistrySession session, RemoteImage.Layer layer, ProgressSink progress) {
        String id = layer.shortId();
        Path file = blobs.scratch("pull-" + UUID.randomUUID());
        try {
            Digest.Hasher hasher = Digest.hasher();
            long received;
            try (RegistrySession.Answer answer = session.get("blobs/" + layer.digest(), null)) {
                if (answer.status() != 200) {
                    throw RegistrySession.failure(answer, "blob " + layer.digest());
                }
                Files.createDirectories(file.getParent());
                received = copy(answer, hasher.writing(Files.newOutputStream(file)), id, layer.size(), progress);
            }
            progress.step(id, "Verifying Checksum");
            if (received != layer.size() || !hasher.digest().equals(layer.digest())) {
                throw new InternalException("filesystem layer verification failed for digest " + layer.digest());
            }
            progress.step(id, "Download complete");
            LayerCheck.Result checked;
            try (InputStream in = new BufferedInputStream(extracting(Files.newInputStream(file), id, received, progress), BUFFER)) {
                checked = LayerCheck.scan(in);
            } catch (LayerCheck.Invalid e) {
                throw new InternalException("layer " + layer.digest() + ": " + e.getMessage());
            }
            blobs.moveIn(file, layer.digest());
            progress.step(id, "Pull complete");
            return new StoredLayer(layer.digest(), received, layer.mediaType(), checked.diffId(), checked.size());
        } catch (IOException e) {
            throw new InternalException("fetching layer " + layer.digest() + ": " + RegistrySession.describe(e));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A scratch file left behind is swept with the scratch directory.
            }
        }
    }

    /** Copies the body, reporting {@code Downloading}; a body that stalls is closed under the reader. */
    private long copy(RegistrySession.Answer answer, OutputStream out, String id, long total, ProgressSink progress)
            throws IOException {
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        InputStream body = answer.body();
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastByte.get() > stall.toNanos()) {
                answer.close();
            }
        }, 1, 1, TimeUnit.SECONDS);
        long received = 0;
        long reported = 0;
        try (out) {
            byte[] buffer = new byte[BUFFER];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                out.write(buffer, 0, n);
                received += n;
                long now = System.nanoTime();
                lastByte.set(now);
                if (received > total) {
                    throw new InternalException("the registry sent more than the " + total + " bytes the manifest says");
                }
                if (now - reported > PROGRESS_NANOS) {
                    progress.bytes(id, "Downloading", received, total);
                    reported = now;
                }
            }
        } catch (IOException e) {
            if (System.nanoTime() - lastByte.get() > stall.toNanos()) {
                throw new IOException("the registry sent nothing for " + stall.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
        return received;
    }

    /** The stored file as it is read for its diff id, reporting {@code Extracting} against its size. */
    private static InputStream extracting(InputStream in, String id, long total, ProgressSink progress) {
        return new FilterInputStream(in) {
            private long read;
            private long reported;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    read += n;
                    long now = System.nanoTime();
                    if (now - reported > PROGRESS_NANOS) {
                        progress.bytes(id, "Extracting", read, total);
                        reported = now;
                    }
                }
                return n;
            }
        };
    }
}
