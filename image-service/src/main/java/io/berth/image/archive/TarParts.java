package io.berth.image.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * The pieces of a tar written part by part (so that big members can be sent straight from their files): a member's
 * 512-byte header, the zero padding after its content, and the end of the archive. Numbers too big for the classic
 * header (members over 8 GiB) use the star/GNU binary encoding, as GNU tar does.
 */
public final class TarParts {
    public static final int BLOCK = 512;

    private TarParts() {
    }

    /** One member: a name, its bytes or its file, its size and modification time. */
    public record Member(String name, byte[] bytes, Path file, long size, Instant modified) {
        public static Member of(String name, byte[] bytes, Instant modified) {
            return new Member(name, bytes, null, bytes.length, modified);
        }

        public static Member of(String name, Path file, long size, Instant modified) {
            return new Member(name, null, file, size, modified);
        }
    }

    /** The header of a regular file, mode 0644, owned by root. */
    public static byte[] header(Member member) {
        TarArchiveEntry entry = new TarArchiveEntry(member.name());
        entry.setSize(member.size());
        entry.setMode(0100644);
        entry.setModTime(member.modified().toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        byte[] header = new byte[BLOCK];
        try {
            entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding("UTF-8"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header;
    }

    /** The zeros that fill a member's last block. */
    public static byte[] padding(long size) {
        int rest = (int) (size % BLOCK);
        return new byte[rest == 0 ? 0 : BLOCK - rest];
    }

    /** Two zero blocks: the end of the archive. */
    public static byte[] end() {
        return new byte[2 * BLOCK];
    }
}
