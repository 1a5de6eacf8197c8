package io.berth.image.build;

import io.berth.image.archive.Compression;
import io.berth.image.build.steps.CopyLayer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image's file system as its layers make it, without unpacking anything: each layer (a tar, plain, gzip or zstd)
 * laid over the ones below, OCI whiteouts applied ({@code .wh.<name>} removes the name below, {@code .wh..wh..opq}
 * hides everything below in its directory). What a build step reads of its parent image: whether a COPY destination
 * is a directory, {@code /etc/passwd} for {@code --chown} names, and the whole tree for {@code COPY --from}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#whiteouts">OCI whiteouts</a>
 */
public final class ImageFiles implements CopyLayer.Target {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final int MAX_LINKS = 255;

    /** Where an entry of the merged tree comes from: its layer, its position there, and what it is. */
    private record Node(int layer, int ordinal, byte type, String linkName) {
        boolean isDirectory() {
            return type == TarArchiveEntry.LF_DIR;
        }

        boolean isSymlink() {
            return type == TarArchiveEntry.LF_SYMLINK;
        }
    }

    private final List<Path> layers;
    private TreeMap<String, Node> tree;

    private ImageFiles(List<Path> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The file system of these layer blobs, bottom first; read on first use. */
    public static ImageFiles of(List<Path> layers) {
        return new ImageFiles(layers);
    }

    @Override
    public boolean isDirectory(String path) {
        return resolve(path).map(Node::isDirectory).orElse(false);
    }

    @Override
    public Optional<byte[]> read(String path) {
        Optional<Node> node = resolve(path);
        if (node.isEmpty() || node.get().type() == TarArchiveEntry.LF_DIR) {
            return Optional.empty();
        }
        Node found = node.get();
        if (found.type() == TarArchiveEntry.LF_LINK) {
            return read("/" + clean(found.linkName()));
        }
        try (TarArchiveInputStream tar = open(found.layer())) {
            int ordinal = 0;
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry(), ordinal++) {
                if (ordinal == found.ordinal()) {
                    return Optional.of(tar.readAllBytes());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layer " + layers.get(found.layer()), e);
        }
    }

    /**
     * Writes the merged tree as one plain tar: every entry that is not hidden, from the layer that has its last word,
     * lower layers first (hard links then follow their targets).
     */
    public void writeMerged(OutputStream out) throws IOException {
        TreeMap<String, Node> merged = tree();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (int layer = 0; layer < layers.size(); layer++) {
            try (TarArchiveInputStream in = open(layer)) {
                int ordinal = 0;
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry(), ordinal++) {
                    String name = clean(e.getName());
                    Node node = name.isEmpty() ? null : merged.get(name);
                    if (node == null || node.layer() != layer || node.ordinal() != ordinal) {
                        continue;
                    }
                    tar.putArchiveEntry(e);
                    if (!e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && e.getSize() > 0) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
        tar.finish();
        tar.flush();
    }

    /** The entry {@code path} names, symbolic links followed inside the image. */
    private Optional<Node> resolve(String path) {
        TreeMap<String, Node> merged = tree();
        List<String> todo = new ArrayList<>(List.of(clean(path).split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        Node node = null;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            done.add(part);
            node = merged.get(String.join("/", done));
            if (node == null) {
                return Optional.empty();
            }
            if (node.isSymlink()) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                done.removeLast();
                String target = node.linkName();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> next = new ArrayList<>(List.of(target.split("/")));
                next.addAll(todo);
                todo = next;
                node = null;
            }
        }
        if (node == null) {
            // The root, or a path that ended on a link to the root.
            return Optional.of(new Node(-1, -1, TarArchiveEntry.LF_DIR, null));
        }
        return Optional.of(node);
    }

    private synchronized TreeMap<String, Node> tree() {
        if (tree == null) {
            TreeMap<String, Node> merged = new TreeMap<>();
            for (int layer = 0; layer < layers.size(); layer++) {
                apply(merged, layer);
            }
            tree = merged;
        }
        return tree;
    }

    /** Lays one layer over the tree: its whiteouts hide what is below first, then its entries go in. */
    private void apply(TreeMap<String, Node> merged, int layer) {
        List<String> hidden = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = open(layer)) {
            int ordinal = 0;
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry(), ordinal++) {
                String name = clean(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                int slash = name.lastIndexOf('/');
                String dir = slash < 0 ? "" : name.substring(0, slash);
                String base = name.substring(slash + 1);
                if (base.equals(OPAQUE)) {
                    opaque.add(dir);
                } else if (base.startsWith(WHITEOUT)) {
                    hidden.add((dir.isEmpty() ? "" : dir + "/") + base.substring(WHITEOUT.length()));
                } else {
                    byte type = e.isDirectory() ? TarArchiveEntry.LF_DIR : e.isSymbolicLink() ? TarArchiveEntry.LF_SYMLINK
                            : e.isLink() ? TarArchiveEntry.LF_LINK : e.isFile() ? TarArchiveEntry.LF_NORMAL : TarArchiveEntry.LF_CHR;
                    entries.add(new Object[] {name, new Node(layer, ordinal, type, e.getLinkName())});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layer " + layers.get(layer), e);
        }
        for (String dir : opaque) {
            removeUnder(merged, dir);
        }
        for (String name : hidden) {
            merged.remove(name);
            removeUnder(merged, name);
        }
        for (Object[] entry : entries) {
            String name = (String) entry[0];
            Node node = (Node) entry[1];
            Node below = merged.put(name, node);
            if (below != null && below.isDirectory() && !node.isDirectory()) {
                removeUnder(merged, name);
            }
        }
    }

    private static void removeUnder(TreeMap<String, Node> merged, String dir) {
        if (dir.isEmpty()) {
            merged.clear();
        } else {
            // '0' is the character after '/': the range holds exactly the paths below dir.
            merged.subMap(dir + "/", dir + "0").clear();
        }
    }

    private TarArchiveInputStream open(int layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layers.get(layer)), 1 << 16);
        return new TarArchiveInputStream(Compression.decompressed(in), "UTF-8");
    }

    /** A tar member's name or a path as a clean relative path ({@code ./a/b/} → {@code a/b}). */
    static String clean(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }
}
