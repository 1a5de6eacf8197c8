package io.berth.image.build.steps;

import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.SourceTree;
import io.berth.image.build.context.ContextEntry;
import io.berth.image.build.context.GoPaths;
import io.berth.kit.errors.InvalidParameterException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * The layer a COPY or ADD step makes, written as a tar straight from the build context, without a container: the
 * destination is made absolute against WORKDIR; a source directory's contents go into the destination directory; a
 * file goes to the destination, or into it when the destination ends with {@code /} or is a directory of the parent
 * image; ADD unpacks a local tar (plain or compressed) into the destination. Modes and modification times are the
 * source's; owners are root's, or {@code --chown}'s (names looked up in the image's {@code /etc/passwd} and
 * {@code /etc/group}), or the source's own for {@code COPY --from}. Directories the step has to create are 0755 and
 * dated now, as the classic builder's {@code MkdirAll} makes them.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/copy.go">copy.go, performCopyForInfo</a>
 */
public final class CopyLayer {
    private CopyLayer() {}

    /** What a step sees of the file system it copies into: the parent image's merged layers. */
    public interface Target {
        /** Whether {@code path} (absolute, links followed inside the image) is a directory. */
        boolean isDirectory(String path);

        /** The bytes of a file of the image ({@code /etc/passwd}), or empty. */
        Optional<byte[]> read(String path);
    }

    /** The owner copied files get. */
    public record Owner(long uid, long gid) {
        public static final Owner ROOT = new Owner(0, 0);
    }

    /**
     * How a step copies: the owner (null keeps the sources' own, as {@code COPY --from} without {@code --chown}),
     * {@code --chmod}'s permission bits (null keeps the sources'), whether local archives are unpacked (ADD), and
     * {@code --link}: the layer is made without looking at the parent image, as BuildKit makes it, so only a
     * trailing {@code /} makes the destination a directory.
     */
    public record Options(Owner owner, Integer chmod, boolean unpack, boolean link) {
        public static final Options COPY = new Options(Owner.ROOT, null, false, false);
    }

    /** An image with nothing in it: what {@code FROM scratch} and a {@code --link} step copy into. */
    public static final Target EMPTY_IMAGE = new Target() {
        @Override
        public boolean isDirectory(String path) {
            return false;
        }

        @Override
        public Optional<byte[]> read(String path) {
            return Optional.empty();
        }
    };

    /**
     * {@code --chmod}'s value: an octal mode up to 07777, in BuildKit's words when it is not (symbolic modes such as
     * {@code u+x} are not taken).
     */
    public static int chmod(String value) {
        try {
            int mode = Integer.parseInt(value, 8);
            if (mode >= 0 && mode <= 07777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // the words below
        }
        throw new InvalidParameterException("invalid chmod parameter: '" + value
                + "'. it should be octal string and between 0 and 07777");
    }

    /**
     * The owner {@code --chown=user[:group]} names: numbers as they are, names through the image's
     * {@code /etc/passwd} and {@code /etc/group}; a user alone is also the group. Docker's words when it cannot.
     */
    public static Owner owner(String chown, Target target) {
        String[] parts = chown.split(":", -1);
        if (parts.length > 2) {
            throw new InvalidParameterException("invalid chown string format: " + chown);
        }
        String user = parts[0];
        String group = parts.length == 1 ? parts[0] : parts[1];
        long uid = lookup(user, "/etc/passwd", 2, target, "can't find uid for user ", "no such user: ");
        long gid = lookup(group, "/etc/group", 2, target, "can't find gid for group ", "no such group: ");
        return new Owner(uid, gid);
    }

    private static long lookup(String name, String file, int idField, Target target, String context, String none) {
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            // a name: look it up
        }
        String prefix = "unable to convert uid/gid chown string to host mapping: " + context + name + ": ";
        byte[] bytes = target.read(file).orElseThrow(() -> new InvalidParameterException(
                prefix + "open " + file + ": no such file or directory"));
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length > idField && fields[0].equals(name)) {
                try {
                    return Long.parseLong(fields[idField].strip());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new InvalidParameterException(prefix + none + name);
    }

    /** Writes the step's layer (an uncompressed tar) to {@code out}. */
    public static void write(SourceTree context, CopySources.Selection selection, String workingDir,
                             Options options, Target image, Instant now, OutputStream out) throws IOException {
        Target target = options.link() ? EMPTY_IMAGE : image;
        Owner owner = options.owner();
        boolean unpack = options.unpack();
        Layer layer = new Layer(context, now, target, options.chmod());
        String dest = normalizeDest(workingDir, selection.dest());
        for (CopySources.Source source : selection.sources()) {
            String real = context.resolve(source.path(), true);
            if (source.directory()) {
                String destDir = GoPaths.clean(dest);
                layer.directories(destDir, owner == null ? Owner.ROOT : owner, true);
                for (ContextEntry entry : context.walk(real)) {
                    if (entry.path().equals(real)) {
                        continue;
                    }
                    String rel = entry.path().substring(real.isEmpty() ? 0 : real.length() + 1);
                    layer.add(entry, join(destDir, rel), owner, real, destDir);
                }
                continue;
            }
            ContextEntry file = context.stat(source.path()).orElseThrow();
            if (unpack && layer.unpack(source.path(), GoPaths.clean(dest))) {
                continue;
            }
            String to = GoPaths.clean(dest);
            if (dest.endsWith("/") || target.isDirectory(to)) {
                to = join(to, base(source.path()));
            }
            layer.directories(parent(to), owner == null ? Owner.ROOT : owner, false);
            layer.add(file, to, owner, null, null);
        }
        layer.writeTo(out);
    }

    /**
     * The layer of a WORKDIR step: the directory and its missing parents (0755, root, dated now), or false and
     * nothing written when the parent image already has it (the step then makes no layer).
     */
    public static boolean writeDirectory(String dir, Target image, Instant now, OutputStream out) throws IOException {
        if (image.isDirectory(dir)) {
            return false;
        }
        Layer layer = new Layer(null, now, image, null);
        layer.directories(dir, Owner.ROOT, false);
        layer.writeTo(out);
        return true;
    }

    /** A relative destination is relative to WORKDIR; a trailing slash is kept (it means "into"). */
    static String normalizeDest(String workingDir, String requested) {
        if (requested.startsWith("/")) {
            return requested;
        }
        String dest = GoPaths.clean("/" + workingDir + "/" + requested);
        return requested.endsWith("/") && !dest.equals("/") ? dest + "/" : dest;
    }

    private static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String base(String path) {
        String clean = GoPaths.clean(path);
        return clean.substring(clean.lastIndexOf('/') + 1);
    }

    /** The entries of the layer being made, by absolute path, in the order Go's walk of the result would give. */
    private static final class Layer {
        private final TreeMap<String, Item> items = new TreeMap<>(BuildContext::walkOrder);
        private final SourceTree context;
        private final Instant now;
        private final Target target;
        private final Integer chmod;

        /** One entry: its header and where its bytes come from (a context entry, an archive's bytes, or none). */
        private record Item(TarArchiveEntry header, ContextEntry source, byte[] data) {}

        Layer(SourceTree context, Instant now, Target target, Integer chmod) {
            this.context = context;
            this.chmod = chmod;
            this.now = now;
            this.target = target;
        }

        /** Creates {@code dir} and its missing parents (0755, dated now), unless the image or the layer has them. */
        void directories(String dir, Owner owner, boolean ownTheLast) {
            List<String> missing = new ArrayList<>();
            for (String d = GoPaths.clean(dir); !d.equals("/"); d = parent(d)) {
                if (items.containsKey(d) || target.isDirectory(d)) {
                    break;
                }
                missing.addFirst(d);
            }
            for (String d : missing) {
                TarArchiveEntry h = new TarArchiveEntry(d.substring(1) + "/", TarConstants.LF_DIR);
                h.setMode(040755);
                Owner o = ownTheLast && !d.equals(GoPaths.clean(dir)) ? Owner.ROOT : owner;
                h.setUserId(o.uid());
                h.setGroupId(o.gid());
                h.setModTime(java.nio.file.attribute.FileTime.from(now));
                items.put(d, new Item(h, null, null));
            }
        }

        void add(ContextEntry e, String to, Owner owner, String fromDir, String toDir) {
            String name = to.substring(1) + (e.isDirectory() ? "/" : "");
            TarArchiveEntry h;
            switch (e.type()) {
                case DIRECTORY -> h = new TarArchiveEntry(name, TarConstants.LF_DIR);
                case SYMLINK -> {
                    h = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    h.setLinkName(e.linkTarget());
                }
                case HARDLINK -> {
                    if (fromDir != null && (e.linkTarget().startsWith(fromDir + "/") || fromDir.isEmpty())) {
                        h = new TarArchiveEntry(name, TarConstants.LF_LINK);
                        String rel = e.linkTarget().substring(fromDir.isEmpty() ? 0 : fromDir.length() + 1);
                        h.setLinkName(join(toDir, rel).substring(1));
                    } else {
                        h = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                        h.setSize(e.size());
                    }
                }
                case FILE -> {
                    h = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    h.setSize(e.size());
                }
                case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
                    byte flag = switch (e.type()) {
                        case CHAR_DEVICE -> TarConstants.LF_CHR;
                        case BLOCK_DEVICE -> TarConstants.LF_BLK;
                        default -> TarConstants.LF_FIFO;
                    };
                    h = new TarArchiveEntry(name, flag);
                }
                default -> throw new IllegalStateException(e.type().toString());
            }
            int typeBits = switch (e.type()) {
                case DIRECTORY -> 040000;
                case SYMLINK -> 0120000;
                default -> 0100000;
            };
            // --chmod sets the permission bits of what is copied (not of links, nor of directories made for it).
            h.setMode(typeBits | (chmod != null && e.type() != ContextEntry.Type.SYMLINK ? chmod : e.mode()));
            Owner o = owner == null ? new Owner(e.uid(), e.gid()) : owner;
            h.setUserId(o.uid());
            h.setGroupId(o.gid());
            h.setModTime(java.nio.file.attribute.FileTime.from(e.modified()));
            e.xattrs().forEach((k, v) -> h.addPaxHeader("SCHILY.xattr." + k, v));
            boolean hasData = h.isFile() && !h.isLink();
            items.put(to, new Item(h, hasData ? e : null, null));
        }

        /** ADD of a local archive: unpacks it into {@code dest}; false when the file is not an archive. */
        boolean unpack(String path, String dest) throws IOException {
            List<Item> unpacked = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (InputStream raw = context.open(path).orElseThrow();
                 TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw))) {
                TarArchiveEntry e;
                try {
                    e = tar.getNextEntry();
                } catch (IOException notTar) {
                    return false;
                }
                if (e == null) {
                    return false;
                }
                for (; e != null; e = tar.getNextEntry()) {
                    String rel = GoPaths.inRoot(e.getName());
                    if (rel.isEmpty()) {
                        continue;
                    }
                    String to = join(dest, rel);
                    TarArchiveEntry h = new TarArchiveEntry(to.substring(1) + (e.isDirectory() ? "/" : ""),
                            e.getLinkFlag());
                    h.setMode(e.getMode());
                    h.setUserId(e.getLongUserId());
                    h.setGroupId(e.getLongGroupId());
                    h.setModTime(e.getLastModifiedTime());
                    if (e.isSymbolicLink()) {
                        h.setLinkName(e.getLinkName());
                    } else if (e.isLink()) {
                        h.setLinkName(join(dest, GoPaths.inRoot(e.getLinkName())).substring(1));
                    }
                    byte[] data = null;
                    if (e.isFile() && !e.isLink()) {
                        data = tar.readAllBytes();
                        h.setSize(data.length);
                    }
                    unpacked.add(new Item(h, null, data));
                    names.add(to);
                }
            }
            directories(dest, Owner.ROOT, false);
            for (int i = 0; i < unpacked.size(); i++) {
                items.put(names.get(i), unpacked.get(i));
            }
            return true;
        }

        private static InputStream decompressed(InputStream raw) throws IOException {
            InputStream in = new BufferedInputStream(raw);
            try {
                return new CompressorStreamFactory(true).createCompressorInputStream(
                        CompressorStreamFactory.detect(in), in);
            } catch (CompressorException notCompressed) {
                return in;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items.values()) {
                tar.putArchiveEntry(item.header());
                if (item.data() != null) {
                    tar.write(item.data());
                } else if (item.source() != null) {
                    try (InputStream in = contextBytes(item)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }

        private InputStream contextBytes(Item item) {
            // A hard link's bytes are its target's; the context reads either by the entry's own path.
            return context.open(item.source().path()).orElseThrow();
        }
    }
}
