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

    @Test
    void theMountPointsTheRuntimeMadeAreLeftOutAndTheRestStays(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws IOException {
        java.nio.file.Path lower = root.resolve("lower");
        java.nio.file.Path upper = root.resolve("upper");
        java.nio.file.Files.createDirectories(lower.resolve("etc"));
        java.nio.file.Files.createDirectories(lower.resolve("data"));
        java.nio.file.Files.writeString(lower.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        // What the runtime made for the mounts: files in a copied-up /etc, /proc, /dev with /dev/pts in it.
        java.nio.file.Files.createDirectories(upper.resolve("etc"));
        java.nio.file.Files.createFile(upper.resolve("etc/hostname"));
        java.nio.file.Files.createFile(upper.resolve("etc/hosts"));
        java.nio.file.Files.createDirectories(upper.resolve("proc"));
        java.nio.file.Files.createDirectories(upper.resolve("dev/pts"));
        // The container's own change: a file in a mount point's directory, a non-empty mount point.
        java.nio.file.Files.createDirectories(upper.resolve("srv"));
        java.nio.file.Files.writeString(upper.resolve("srv/mine"), "x");
        java.nio.file.Files.createDirectories(upper.resolve("data"));
        List<io.berth.oci.spec.Mount> mounts = java.util.stream.Stream.of("/etc/hostname", "/etc/hosts", "/proc", "/dev",
                "/dev/pts", "/srv", "/data").map(d -> new io.berth.oci.spec.Mount(d, "bind", "/x", List.of())).toList();

        java.util.Set<String> made = UpperDiff.madeForMounts(mounts, upper, List.of(lower));
        assertThat(made).containsExactlyInAnyOrder("etc/hostname", "etc/hosts", "etc", "proc", "dev", "dev/pts");

        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        UpperDiff.write(upper, made, layer, "container: test");
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("data/", "srv/", "srv/mine");
    }
}
