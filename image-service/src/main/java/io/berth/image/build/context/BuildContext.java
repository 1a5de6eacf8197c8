package io.berth.image.build.context;

import io.berth.image.archive.Compression;
import io.berth.kit.errors.InternalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The build context a client sent as a tar (plain, gzip, zstd, bzip2 or xz: {@link Compression}, as Docker tells
 * them apart). The tar is kept as one file and indexed, never unpacked: entry names are cleaned inside the context root
 * ({@code ../x} and {@code /x} are {@code x}, as the daemon's chrooted untar makes them), symbolic links are followed
 * only within the root, and files are read straight from the tar, so nothing a context holds can reach outside it.
 * Close it to delete the file.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/remotecontext/archive.go">remotecontext/archive.go</a>
 */
public final class BuildContext implements SourceTree, AutoCloseable {
    private static final int MAX_SYMLINKS = 255;
    private static final int BLOCK = 512;

    private final Path file;
    private final TarFile tar;
    private final TreeMap<String, ContextEntry> entries = new TreeMap<>();
    private final Map<String, TarArchiveEntry> content = new HashMap<>();
    /** Every tar header by its cleaned name, the first one when a name repeats (what Docker's tarsum lookup finds). */
    private final Map<String, TarArchiveEntry> headers = new HashMap<>();
    private final Map<String, String> sums = new HashMap<>();

    private BuildContext(Path file, TarFile tar) {
        this.file = file;
        this.tar = tar;
    }

    /**
     * Reads a context from a request body into a file under {@code workDir}. A body that is not a tar gets the
     * daemon's words and its 500 ({@code unexpected EOF}, {@code archive/tar: invalid tar header}).
     */
    public static BuildContext read(InputStream body, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, "context-", ".tar");
        try {
            try (InputStream in = Compression.decompressed(body)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new InternalException("unexpected EOF", e);
            }
            TarFile tar;
            try {
                tar = new TarFile(Files.newByteChannel(file));
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                throw new InternalException(message.contains("Truncated") ? "unexpected EOF"
                        : "archive/tar: invalid tar header", e);
            }
            BuildContext context = new BuildContext(file, tar);
            try {
                context.index(Files.size(file));
            } catch (RuntimeException | IOException e) {
                context.close();
                throw e;
            }
            return context;
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private void index(long length) {
        long end = 0;
        Instant now = Instant.now();
        for (TarArchiveEntry e : tar.getEntries()) {
            end = Math.max(end, e.getDataOffset() + (e.isFile() ? padded(e.getSize()) : 0));
            ContextEntry.Type type = typeOf(e);
            String name = GoPaths.inRoot(e.getName());
            headers.putIfAbsent(name, e);
            if (type == null || name.isEmpty()) {
                continue;
            }
            int slash = name.lastIndexOf('/');
            String parent = slash < 0 ? "" : directoryFor(name.substring(0, slash), name, now);
            String path = parent.isEmpty() ? name.substring(slash + 1) : parent + "/" + name.substring(slash + 1);
            String linkTarget = null;
            if (type == ContextEntry.Type.SYMLINK) {
                linkTarget = e.getLinkName();
            } else if (type == ContextEntry.Type.HARDLINK) {
                linkTarget = GoPaths.inRoot(e.getLinkName());
                ContextEntry target = entries.get(linkTarget);
                if (target == null || target.type() != ContextEntry.Type.FILE && target.type() != ContextEntry.Type.HARDLINK) {
                    throw tarError("link /" + linkTarget + " /" + name + ": no such file or directory");
                }
            }
            Map<String, String> xattrs = new HashMap<>();
            e.getExtraPaxHeaders().forEach((k, v) -> {
                if (k.startsWith("SCHILY.xattr.")) {
                    xattrs.put(k.substring("SCHILY.xattr.".length()), v);
                }
            });
            ContextEntry entry = new ContextEntry(path, type, e.getMode() & 07777, e.getLongUserId(),
                    e.getLongGroupId(), type == ContextEntry.Type.FILE ? e.getSize() : 0,
                    e.getLastModifiedTime().toInstant(), linkTarget, xattrs, false);
            put(entry);
            if (type == ContextEntry.Type.FILE) {
                content.put(path, e);
            } else if (type == ContextEntry.Type.HARDLINK) {
                content.put(path, content.get(linkTarget));
            }
        }
        long rest = length - end;
        if (rest > 0 && rest < BLOCK) {
            // Go's tar reader needs whole 512-byte blocks: a short tail (or a short body) is "unexpected EOF".
            throw new InternalException("unexpected EOF");
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static ContextEntry.Type typeOf(TarArchiveEntry e) {
        if (e.isDirectory()) {
            return ContextEntry.Type.DIRECTORY;
        }
        if (e.isSymbolicLink()) {
            return ContextEntry.Type.SYMLINK;
        }
        if (e.isLink()) {
            return ContextEntry.Type.HARDLINK;
        }
        if (e.isCharacterDevice()) {
            return ContextEntry.Type.CHAR_DEVICE;
        }
        if (e.isBlockDevice()) {
            return ContextEntry.Type.BLOCK_DEVICE;
        }
        if (e.isFIFO()) {
            return ContextEntry.Type.FIFO;
        }
        return e.isFile() ? ContextEntry.Type.FILE : null;
    }

    /**
     * The real directory an entry's parent names: symbolic links on the way are followed within the root, and
     * missing directories are implied (untar creates them); a parent that is a file or a link to nothing is an error.
     */
    private String directoryFor(String parent, String name, Instant now) {
        String current = "";
        for (String part : GoPaths.inRoot(parent).split("/")) {
            String candidate = current.isEmpty() ? part : current + "/" + part;
            ContextEntry entry = entries.get(candidate);
            if (entry == null) {
                entries.put(candidate, ContextEntry.impliedDirectory(candidate, now));
                current = candidate;
            } else if (entry.type() == ContextEntry.Type.SYMLINK) {
                String real = resolve(candidate, true);
                if (!stat(real).map(ContextEntry::isDirectory).orElse(false)) {
                    throw tarError("open /" + name + ": no such file or directory");
                }
                current = real;
            } else if (!entry.isDirectory()) {
                throw tarError("open /" + name + ": not a directory");
            } else {
                current = candidate;
            }
        }
        return current;
    }

    private static InternalException tarError(String what) {
        return new InternalException("Error processing tar file(exit status 1): " + what);
    }

    /** Adds an entry as untar does: a directory over a directory keeps what is in it, anything else replaces it. */
    private void put(ContextEntry entry) {
        ContextEntry existing = entries.get(entry.path());
        if (existing != null && !(existing.isDirectory() && entry.isDirectory())) {
            remove(entry.path());
        }
        entries.put(entry.path(), entry);
    }

    /**
     * Resolves a path within the context root, following symbolic links (the last one only when
     * {@code followLast}); {@code ..} never climbs above the root and absolute link targets start from it.
     *
     * @return the cleaned real path, relative to the root ({@code ""} for the root)
     */
    @Override
    public String resolve(String path, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(List.of(GoPaths.inRoot(path).split("/")));
        String current = "";
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                int slash = current.lastIndexOf('/');
                current = slash < 0 ? "" : current.substring(0, slash);
                continue;
            }
            String candidate = current.isEmpty() ? part : current + "/" + part;
            ContextEntry entry = entries.get(candidate);
            if (entry != null && entry.type() == ContextEntry.Type.SYMLINK && (followLast || !todo.isEmpty())) {
                if (++links > MAX_SYMLINKS) {
                    throw new InternalException("too many links in /" + GoPaths.inRoot(path));
                }
                String target = entry.linkTarget();
                if (target.startsWith("/")) {
                    current = "";
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            current = candidate;
        }
        return current;
    }

    /** The entry {@code path} names, following symbolic links; empty when there is none (the root is a directory). */
    @Override
    public Optional<ContextEntry> stat(String path) {
        return entry(resolve(path, true));
    }

    /** The entry {@code path} names without following a last symbolic link. */
    public Optional<ContextEntry> lstat(String path) {
        return entry(resolve(path, false));
    }

    private Optional<ContextEntry> entry(String real) {
        if (real.isEmpty()) {
            return Optional.of(ContextEntry.impliedDirectory("", Instant.EPOCH));
        }
        return Optional.ofNullable(entries.get(real));
    }

    /** The bytes of the file {@code path} names (links followed), or empty when it is not a file of the context. */
    @Override
    public Optional<InputStream> open(String path) {
        TarArchiveEntry e = content.get(resolve(path, true));
        if (e == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(tar.getInputStream(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The checksum Docker's classic builder keys COPY and ADD sources by: the tarsum (version 1) of the header that
     * {@code path} resolves to (links followed): sha256 over its name, mode, uid, gid, size, type flag, link name,
     * device numbers and extended attributes (not its times) and then its bytes. A path the tar has no header for
     * (an implied directory, the root) is its own checksum, as in the daemon.
     *
     * @see <a href="https://github.com/moby/moby/blob/v20.10.24/pkg/tarsum/tarsum.go">tarsum</a>
     */
    @Override
    public String hash(String path) {
        String real = resolve(path, true);
        TarArchiveEntry header = headers.get(real);
        if (header == null || real.isEmpty()) {
            return path;
        }
        return sums.computeIfAbsent(real, k -> tarsum(header));
    }

    private String tarsum(TarArchiveEntry h) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char flag = (char) h.getLinkFlag();
        if (flag == 0) {
            // Go's reader turns an old-style regular entry into a regular file or, named with a slash, a directory.
            flag = h.getName().endsWith("/") ? '5' : '0';
        }
        java.util.function.BiConsumer<String, String> field =
                (k, v) -> sha.update((k + v).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        field.accept("name", h.getName());
        field.accept("mode", Long.toString(h.getMode()));
        field.accept("uid", Long.toString(h.getLongUserId()));
        field.accept("gid", Long.toString(h.getLongGroupId()));
        field.accept("size", Long.toString(h.getSize()));
        field.accept("typeflag", String.valueOf(flag));
        field.accept("linkname", h.getLinkName());
        field.accept("uname", "");
        field.accept("gname", "");
        field.accept("devmajor", Long.toString(h.getDevMajor()));
        field.accept("devminor", Long.toString(h.getDevMinor()));
        new TreeMap<>(h.getExtraPaxHeaders()).forEach((k, v) -> {
            if (k.startsWith("SCHILY.xattr.")) {
                field.accept(k.substring("SCHILY.xattr.".length()), v);
            }
        });
        if (h.getSize() > 0 && (flag == '0' || flag == '7')) {
            try (InputStream in = tar.getInputStream(h)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Every entry at or under {@code directory} (a real path; {@code ""} for the whole context) in the order Go's
     * {@code filepath.Walk} visits them: depth first, each directory's entries by name.
     */
    @Override
    public List<ContextEntry> walk(String directory) {
        List<ContextEntry> found = new java.util.ArrayList<>(directory.isEmpty() ? entries.values()
                : subtree(directory).values());
        if (entries.containsKey(directory)) {
            found.add(entries.get(directory));
        }
        found.sort((a, b) -> walkOrder(a.path(), b.path()));
        return found;
    }

    /** Go's walk order of two slash-separated paths: component by component, a directory before what is in it. */
    public static int walkOrder(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** Every entry under {@code directory} (a real path; {@code ""} for the root), in path order, not the directory. */
    public Collection<ContextEntry> under(String directory) {
        if (directory.isEmpty()) {
            return List.copyOf(entries.values());
        }
        return List.copyOf(subtree(directory).values());
    }

    private NavigableMap<String, ContextEntry> subtree(String directory) {
        // '/' sorts right before '0': every "dir/…" path lies in [dir/, dir0).
        return entries.subMap(directory + "/", true, directory + "0", false);
    }

    /** Removes {@code path} (a real path) and everything under it, as the daemon drops an ignored Dockerfile. */
    public void remove(String path) {
        if (path.isEmpty()) {
            return;
        }
        var below = subtree(path);
        below.keySet().forEach(content::remove);
        below.clear();
        entries.remove(path);
        content.remove(path);
    }

    @Override
    public boolean isBuildContext() {
        return true;
    }

    /** The number of entries (implied directories included). */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() throws IOException {
        try {
            tar.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
