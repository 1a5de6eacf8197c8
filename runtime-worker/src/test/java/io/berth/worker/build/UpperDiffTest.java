package io.berth.worker.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** An overlay upper dir as GNU tar writes it, turned into an OCI layer. */
class UpperDiffTest {

    @Test
    void whiteoutsAndOpaqueDirsBecomeOciMarkersAndTheRestPassesThrough() throws IOException {
        ByteArrayOutputStream upper = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(upper)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("./", TarArchiveEntry.LF_DIR));
            tar.closeArchiveEntry();
            TarArchiveEntry opaque = new TarArchiveEntry("./data/", TarArchiveEntry.LF_DIR);
            opaque.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
            opaque.addPaxHeader("SCHILY.xattr.user.kept", "1");
            tar.putArchiveEntry(opaque);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("./data/f");
            file.setSize(2);
            file.setIds(65534, 65534);
            tar.putArchiveEntry(file);
            tar.write("x\n".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("./data/hard", TarArchiveEntry.LF_LINK);
            hard.setLinkName("./data/f");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
            TarArchiveEntry whiteout = new TarArchiveEntry("./var", TarArchiveEntry.LF_CHR);
            whiteout.setDevMajor(0);
            whiteout.setDevMinor(0);
            tar.putArchiveEntry(whiteout);
            tar.closeArchiveEntry();
        }

        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        UpperDiff.convert(new ByteArrayInputStream(upper.toByteArray()), layer);

        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String what = e.getName() + (e.isLink() ? " => " + e.getLinkName() : "") + " " + e.getLongUserId()
                        + (e.getExtraPaxHeaders().isEmpty() ? "" : " " + e.getExtraPaxHeaders());
                entries.add(what + (e.getSize() > 0 ? " " + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() : ""));
            }
        }
        assertThat(entries).containsExactly("data/ 0 {SCHILY.xattr.user.kept=1}", "data/.wh..wh..opq 0",
                "data/f 65534 x", "data/hard => data/f 0", ".wh.var 0");
    }
}
