package io.berth.image.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Recognises an archive's compression by its first bytes, as moby's {@code DecompressStream} does: gzip, zstd, bzip2,
 * xz, or none (a plain tar). Anything else is read as it is, and the tar reader then says it is not a tar. Image layers
 * may only be gzip, zstd or plain (the OCI layer media types); archives a client sends (load, import, build contexts)
 * may be any of them.
 */
public enum Compression {
    NONE, GZIP, ZSTD, BZIP2, XZ;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] BZIP2_MAGIC = {0x42, 0x5a, 0x68};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00};
    private static final int PEEK = XZ_MAGIC.length;

    /** What {@code in} (which must support mark/reset) starts with. */
    public static Compression of(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        if (startsWith(head, GZIP_MAGIC)) {
            return GZIP;
        }
        if (startsWith(head, ZSTD_MAGIC)) {
            return ZSTD;
        }
        if (startsWith(head, BZIP2_MAGIC)) {
            return BZIP2;
        }
        return startsWith(head, XZ_MAGIC) ? XZ : NONE;
    }

    /** {@code in}, decompressed according to what it starts with. */
    public static InputStream decompressed(InputStream in) throws IOException {
        InputStream marked = marked(in);
        return of(marked).open(marked);
    }

    /** {@code in} (buffered when it does not support mark/reset, as {@link #of} needs). */
    public static InputStream marked(InputStream in) {
        return in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
    }

    /** Whether an image layer may be stored compressed this way. */
    public boolean layerFormat() {
        return this == NONE || this == GZIP || this == ZSTD;
    }

    /** Reads {@code in}, compressed this way, decompressed. */
    public InputStream open(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new com.github.luben.zstd.ZstdInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case NONE -> in;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
