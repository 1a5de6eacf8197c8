package io.berth.image.build;

import io.berth.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes layer entries as a reproducible gzipped tar: entries sorted by path, one fixed mtime, owner root (0:0), no
 * gzip timestamp or file name. The same entries give the same diff id every time, wherever they are built.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md">OCI layer</a>
 */
public final class LayerBuilder {
    private LayerBuilder() {
    }

    /** Builds the layer; {@code mtime} is cut to whole seconds so no PAX time header is needed. */
    public static BuiltLayer build(List<LayerEntry> entries, Instant mtime) {
        byte[] tar = tar(entries, FileTime.from(mtime.truncatedTo(ChronoUnit.SECONDS)));
        byte[] compressed = gzip(tar);
        return new BuiltLayer(compressed, Digest.of(compressed), Digest.of(tar), tar.length);
    }

    static byte[] tar(List<LayerEntry> entries, FileTime mtime) {
        List<LayerEntry> sorted = entries.stream().sorted(Comparator.comparing(LayerEntry::path)).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (LayerEntry entry : sorted) {
                TarArchiveEntry header = header(entry, mtime);
                tar.putArchiveEntry(header);
                if (entry.kind() == LayerEntry.Kind.FILE) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write layer tar", e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry header(LayerEntry entry, FileTime mtime) {
        TarArchiveEntry header = switch (entry.kind()) {
            case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
            case SYMLINK -> {
                TarArchiveEntry link = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
                link.setLinkName(entry.linkTarget());
                yield link;
            }
        };
        int type = switch (entry.kind()) {
            case DIRECTORY -> 0040000;
            case FILE -> 0100000;
            case SYMLINK -> 0120000;
        };
        header.setMode(type | entry.mode());
        if (entry.kind() == LayerEntry.Kind.FILE) {
            header.setSize(entry.content().length);
        }
        header.setLastModifiedTime(mtime);
        // The entry constructor takes the builder's own user name; a layer must not depend on who built it.
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("root");
        header.setGroupName("root");
        return header;
    }

    private static byte[] gzip(byte[] tar) {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(0);
        parameters.setCompressionLevel(9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tar.length / 2);
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes, parameters)) {
            gz.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip layer", e);
        }
        return bytes.toByteArray();
    }
}
