package io.berth.worker.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An overlay upper dir, as GNU tar wrote it, turned into an OCI layer: a whiteout (a character device 0:0) becomes an
 * empty {@code .wh.<name>}, a directory marked opaque ({@code trusted.overlay.opaque=y}) gets a
 * {@code .wh..wh..opq} inside it, overlay's own {@code trusted.overlay.*} xattrs are dropped, names lose their
 * {@code ./}, and the root itself is left out. Owners, modes, times, hard links and other xattrs pass through.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#whiteouts">OCI whiteouts</a>
 */
final class UpperDiff {
    private static final String XATTR = "SCHILY.xattr.";
    private static final String OVERLAY = "trusted.overlay.";

    private UpperDiff() {
    }

    static void convert(InputStream upperTar, OutputStream layer) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(upperTar, "UTF-8");
        TarArchiveOutputStream out = new TarArchiveOutputStream(layer, "UTF-8");
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
            if (name.isEmpty() || name.equals(".") || name.equals("/")) {
                continue;
            }
            if (e.isCharacterDevice() && e.getDevMajor() == 0 && e.getDevMinor() == 0) {
                int slash = name.lastIndexOf('/');
                out.putArchiveEntry(marker(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), e));
                out.closeArchiveEntry();
                continue;
            }
            boolean opaque = false;
            Map<String, String> headers = new HashMap<>(e.getExtraPaxHeaders());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                opaque |= header.getKey().equals(XATTR + OVERLAY + "opaque") && "y".equals(header.getValue());
            }
            e.clearExtraPaxHeaders();
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (!header.getKey().startsWith(XATTR + OVERLAY)) {
                    e.addPaxHeader(header.getKey(), header.getValue());
                }
            }
            e.setName(e.isDirectory() && !name.endsWith("/") ? name + "/" : name);
            if (e.isLink() && e.getLinkName().startsWith("./")) {
                e.setLinkName(e.getLinkName().substring(2));
            }
            out.putArchiveEntry(e);
            if (!e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && e.getSize() > 0) {
                in.transferTo(out);
            }
            out.closeArchiveEntry();
            if (opaque && e.isDirectory()) {
                out.putArchiveEntry(marker(e.getName() + ".wh..wh..opq", e));
                out.closeArchiveEntry();
            }
        }
        out.finish();
        out.flush();
    }

    private static TarArchiveEntry marker(String name, TarArchiveEntry like) {
        TarArchiveEntry marker = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
        marker.setMode(0100000);
        marker.setSize(0);
        marker.setModTime(like.getModTime());
        marker.setIds(0, 0);
        marker.setUserName("");
        marker.setGroupName("");
        return marker;
    }
}
