package io.berth.image.blob;

import io.berth.image.config.ImageServiceConfig;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Content-addressed blobs on disk, {@code <root>/blobs/sha256/<hex>}. A blob is written to {@code <root>/tmp}, its
 * digest checked, then renamed into place in one step, so a reader never sees a half-written or wrong blob and two
 * writers of the same content (two replicas seeding at once) both succeed. Writes block: call them off the event loop.
 */
@ApplicationScoped
public class BlobStore {
    private final Path blobs;
    private final Path tmp;
    private final Path uploads;
    private final Vertx vertx;

    @Inject
    BlobStore(ImageServiceConfig config, Vertx vertx) {
        this(config.blobRoot(), vertx);
    }

    /** A store under this root; {@code vertx} serves the non-blocking look-ups. */
    public BlobStore(Path root, Vertx vertx) {
        this.blobs = root.resolve("blobs").resolve(Digest.ALGORITHM);
        this.tmp = root.resolve("tmp");
        this.uploads = root.resolve("uploads");
        this.vertx = vertx;
    }

    /** Where the blob with this digest lives (whether or not it is there). */
    public Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    /** Stores these bytes and answers their digest. Blocking. */
    public Digest put(byte[] content) {
        Digest digest = Digest.of(content);
        return put(new ByteArrayInputStream(content), Optional.of(digest));
    }

    /**
     * Stores a stream; when {@code expected} is given, the content must have that digest or nothing is stored and the
     * answer is 400. Blocking.
     */
    public Digest put(InputStream content, Optional<Digest> expected) {
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
            Path partial = Files.createTempFile(tmp, "blob-", ".partial");
            try {
                Digest.Hasher hasher = Digest.hasher();
                try (OutputStream out = hasher.writing(Files.newOutputStream(partial))) {
                    content.transferTo(out);
                }
                Digest actual = hasher.digest();
                if (expected.isPresent() && !expected.get().equals(actual)) {
                    throw new InvalidParameterException("digest mismatch: expected " + expected.get() + ", content is " + actual);
                }
                moveIntoPlace(partial, path(actual));
                return actual;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob", e);
        }
    }

    /**
     * Moves a file whose digest the caller took while writing it into the store (a rename: same file system); a blob
     * that is there already stays, and the file is removed. Blocking.
     */
    public void moveIn(Path file, Digest digest) {
        try {
            Files.createDirectories(blobs);
            if (Files.exists(path(digest))) {
                Files.deleteIfExists(file);
            } else {
                moveIntoPlace(file, path(digest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + digest, e);
        }
    }

    /** Where work in progress goes (same file system as the blobs, so a finished file moves in by renaming). */
    public Path scratch(String name) {
        return tmp.resolve(name);
    }

    /** The file holding what a registry upload session received so far (whether or not it is there). */
    public Path upload(String id) {
        return uploads.resolve(id);
    }

    /** Makes an empty upload file; blocking. */
    public Path createUpload(String id) {
        try {
            Files.createDirectories(uploads);
            return Files.createFile(upload(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an upload", e);
        }
    }

    /**
     * Takes a finished upload file into the store if its content has the {@code expected} digest, and answers the
     * digest it has: when that differs, the file is left where it was. The upload directory is on the same file system
     * as the blobs, so this is a rename, not a copy. Blocking (it reads the file once).
     */
    public Digest adopt(Path file, Digest expected) {
        try {
            Digest.Hasher hasher = Digest.hasher();
            try (var in = hasher.reading(Files.newInputStream(file))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            Digest actual = hasher.digest();
            if (actual.equals(expected)) {
                Files.createDirectories(blobs);
                moveIntoPlace(file, path(actual));
                Files.deleteIfExists(file);
            }
            return actual;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store upload " + file.getFileName(), e);
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Same digest, same bytes: someone stored it first.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store root must be on one file system: " + target, e);
        }
    }

    /** Whether the blob is there. Blocking (a stat). */
    public boolean contains(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** The blob's size, or empty when it is not there; does not block. */
    public Uni<Optional<Long>> size(Digest digest) {
        String file = path(digest).toString();
        return vertx.fileSystem().exists(file).flatMap(exists -> exists
                ? vertx.fileSystem().props(file).map(props -> Optional.of(props.size()))
                : Uni.createFrom().item(Optional.<Long>empty()));
    }

    /** Reads a whole (small) blob. Blocking. */
    public byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + digest, e);
        }
    }
}
