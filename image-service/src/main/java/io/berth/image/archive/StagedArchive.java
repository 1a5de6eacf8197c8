package io.berth.image.archive;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive ({@code docker save}'s tar, compressed or not) unpacked into a staging directory of Berth's own, as
 * dockerd unpacks one before loading it: every regular file is written there with its digest taken on the way, and
 * links between members (older archives link identical layers) are kept as a map, never made on disk, so nothing
 * written here can land outside the directory. A member with an absolute name or {@code ..}, or a link leaving the
 * archive, makes the archive invalid. Delete it with {@link #close}.
 */
public final class StagedArchive implements AutoCloseable {
    private final Path root;
    private final Map<String, Digest> digests = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private StagedArchive(Path root) {
        this.root = root;
    }

    /** Unpacks {@code archive} into {@code root} (which must not exist yet); fails on what is not safe or not a tar. */
    public static StagedArchive unpack(InputStream archive, Path root) throws LayerCheck.Invalid, IOException {
        StagedArchive staged = new StagedArchive(root);
        Files.createDirectories(root);
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(Compression.decompressed(archive));
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = normalise(entry.getName(), entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (entry.isSymbolicLink()) {
                    String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                    staged.links.put(name, normalise(parent + entry.getLinkName(), entry.getName() + " -> " + entry.getLinkName()));
                } else if (entry.isLink()) {
                    staged.links.put(name, normalise(entry.getLinkName(), entry.getName() + " => " + entry.getLinkName()));
                } else if (entry.isFile()) {
                    Path target = root.resolve(name);
                    Files.createDirectories(target.getParent());
                    Digest.Hasher hasher = Digest.hasher();
                    try (OutputStream out = hasher.writing(Files.newOutputStream(target))) {
                        tar.transferTo(out);
                    }
                    staged.digests.put(name, hasher.digest());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            staged.close();
            throw new LayerCheck.Invalid("the archive is not a readable tar (truncated or corrupt): " + e.getMessage());
        } catch (LayerCheck.Invalid e) {
            staged.close();
            throw e;
        }
        return staged;
    }

    /** Where a member's bytes are (through links), if it is a regular file of the archive. */
    public Optional<Path> file(String member) {
        return resolve(member).map(root::resolve);
    }

    /** The digest of a member's bytes (through links). */
    public Optional<Digest> digest(String member) {
        return resolve(member).map(digests::get);
    }

    /** The member's bytes, for small files (manifest.json, configs). */
    public Optional<byte[]> read(String member) {
        return file(member).map(path -> {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Optional<String> resolve(String member) {
        String name;
        try {
            name = normalise(member, member);
        } catch (LayerCheck.Invalid e) {
            return Optional.empty();
        }
        for (int hops = 0; hops < 16 && links.containsKey(name); hops++) {
            name = links.get(name);
        }
        return digests.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /** A member name inside the archive: {@code ./} dropped, {@code .} segments gone, never absolute nor climbing. */
    private static String normalise(String raw, String shown) throws LayerCheck.Invalid {
        if (raw.startsWith("/")) {
            throw new LayerCheck.Invalid("archive member " + shown + " has an absolute path");
        }
        StringBuilder clean = new StringBuilder();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                int cut = clean.lastIndexOf("/");
                if (clean.isEmpty()) {
                    throw new LayerCheck.Invalid("archive member " + shown + " points outside the archive");
                }
                clean.setLength(Math.max(cut, 0));
                continue;
            }
            if (!clean.isEmpty()) {
                clean.append('/');
            }
            clean.append(part);
        }
        if (raw.contains("..") && raw.equals(shown)) {
            // A member's own name may not climb at all, even when it would come back down.
            for (String part : raw.split("/")) {
                if (part.equals("..")) {
                    throw new LayerCheck.Invalid("archive member " + shown + " climbs out of the archive with ..");
                }
            }
        }
        return clean.toString();
    }

    @Override
    public void close() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
