package io.berth.image.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Recognises a layer's or an archive's compression by its first bytes, as moby's {@code DecompressStream} does: gzip,
 * zstd, or none (a plain tar). Anything else is read as it is, and the tar reader then says it is not a tar.
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int PEEK = 4;

    /** What {@code in} (which must support mark/reset) starts with. */
    public static Compression of(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length == PEEK && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** {@code in}, decompressed according to what it starts with. */
    public static InputStream decompressed(InputStream in) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        return switch (of(marked)) {
            case GZIP -> new GZIPInputStream(marked, 1 << 16);
            case ZSTD -> new com.github.luben.zstd.ZstdInputStream(marked);
            case NONE -> marked;
        };
    }
}
