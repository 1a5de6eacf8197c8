package io.berth.image.archive;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a layer (a tar, gzipped, zstd-compressed or plain) once, as it arrives: its diff id (the digest of the tar),
 * its size unpacked, and whether a node may unpack it safely. A member with an absolute name or a {@code ..}
 * component, a hard link whose target has either, or a member reached through a symbolic link the same layer made
 * (the classic way to write outside the root while unpacking) makes the layer invalid. Symbolic links may point
 * anywhere: a container resolves them inside its own root.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md">OCI image layer</a>
 */
public final class LayerCheck {
    private LayerCheck() {
    }

    /** What a layer unpacks to. */
    public record Result(Digest diffId, long size) {
    }

    /** Why a layer may not be used, in words a person can act on. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Reads the whole layer; fails on an unsafe member, a corrupt compression or a tar that is not one. */
    public static Result scan(InputStream blob) throws Invalid, IOException {
        Digest.Hasher hasher = Digest.hasher();
        long[] size = {0};
        InputStream tarBytes;
        try {
            InputStream marked = Compression.marked(blob);
            Compression compression = Compression.of(marked);
            if (!compression.layerFormat()) {
                throw new Invalid("the layer is compressed with " + compression + "; image layers are gzip, zstd or plain tars");
            }
            tarBytes = counting(hasher.reading(compression.open(marked)), size);
        } catch (IOException e) {
            throw new Invalid("the layer's compression is corrupt: " + e.getMessage());
        }
        Set<String> symlinks = new HashSet<>();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = check(entry.getName(), "member");
                if (entry.isLink()) {
                    check(entry.getLinkName(), "hard link target of " + name);
                }
                for (String parent = parentOf(name); parent != null; parent = parentOf(parent)) {
                    if (symlinks.contains(parent)) {
                        throw new Invalid("layer member " + name + " goes through the symbolic link " + parent
                                + " the same layer made, which could write outside the image's root");
                    }
                }
                if (entry.isSymbolicLink()) {
                    symlinks.add(name);
                } else {
                    symlinks.remove(name);
                }
            }
            // The rest of the stream (end-of-archive blocks, padding) is part of the tar, so of its digest.
            tarBytes.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new Invalid("the layer is not a readable tar (truncated or corrupt): " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Invalid("the layer is not a readable tar: " + e.getMessage());
        }
        return new Result(hasher.digest(), size[0]);
    }

    /** The member's name without {@code ./} and trailing {@code /}; refused when absolute or climbing. */
    private static String check(String raw, String what) throws Invalid {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.startsWith("/")) {
            throw new Invalid("layer " + what + " " + raw + " has an absolute path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new Invalid("layer " + what + " " + raw + " climbs out of the image's root with ..");
            }
        }
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash <= 0 ? null : name.substring(0, slash);
    }

    private static InputStream counting(InputStream in, long[] count) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }

            /** Skipped bytes are part of the digest too: read them. */
            @Override
            public long skip(long n) throws IOException {
                byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
                long skipped = 0;
                while (skipped < n) {
                    int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                    if (read < 0) {
                        break;
                    }
                    skipped += read;
                }
                return skipped;
            }
        };
    }
}
