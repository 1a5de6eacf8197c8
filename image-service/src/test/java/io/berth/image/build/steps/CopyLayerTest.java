package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.build.context.BuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY and ADD layers. The expected entries of the first tests are those of the layers Docker Engine 20.10 made for
 * {@code build/copy-context.tar} from scratch ({@code docker save}, then each layer's tar listed): names, types,
 * modes, owners, times and sizes.
 */
class CopyLayerTest extends CopyContextFixture {
    private static final long SOURCE_TIME = 1700000000L;
    private static final Instant NOW = Instant.parse("2026-12-01T05:00:00Z");
    private static final CopyLayer.Target SCRATCH = CopyLayer.EMPTY_IMAGE;

    static CopyLayer.Target target(Set<String> dirs, Map<String, String> files) {
        return new CopyLayer.Target() {
            @Override
            public boolean isDirectory(String path) {
                return dirs.contains(path);
            }

            @Override
            public Optional<byte[]> read(String path) {
                return Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private Integer chmod;
    private boolean link;

    private List<String> layer(List<String> sources, String dest, String workdir, CopyLayer.Owner owner,
                               CopyLayer.Target target, boolean unpack) throws IOException {
        CopySources.Selection s = CopySources.select(context, unpack ? "ADD" : "COPY", sources, dest, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyLayer.write(context, s, workdir, new CopyLayer.Options(owner, chmod, unpack, link), target, NOW, out);
        List<String> listing = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                long time = e.getLastModifiedTime().toInstant().getEpochSecond();
                String content = e.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8).strip() : "";
                listing.add(String.format("%s %c %o %d:%d %s %d%s%s", e.getName(), (char) e.getLinkFlag(),
                        e.getMode(), e.getLongUserId(), e.getLongGroupId(),
                        time == SOURCE_TIME ? "src" : time == NOW.getEpochSecond() ? "now" : Long.toString(time),
                        e.getSize(), e.getLinkName().isEmpty() ? "" : " -> " + e.getLinkName(),
                        content.isEmpty() ? "" : " " + content));
            }
        }
        return listing;
    }

    private List<String> copy(List<String> sources, String dest) throws IOException {
        return layer(sources, dest, "", CopyLayer.Owner.ROOT, SCRATCH, false);
    }

    @Test
    void layersAreTheReferences() throws IOException {
        assertThat(copy(List.of("a.txt"), "/")).containsExactly("a.txt 0 100644 0:0 src 6 alpha");
        assertThat(copy(List.of("dir"), "/d/")).containsExactly(
                "d/ 5 40755 0:0 now 0",
                "d/c.txt 0 100644 0:0 src 8 charlie",
                "d/sub/ 5 40750 0:0 src 0",
                "d/sub/c.txt 0 100644 0:0 src 12 sub charlie");
        assertThat(copy(List.of("a.txt", "b.txt"), "/m/")).containsExactly(
                "m/ 5 40755 0:0 now 0", "m/a.txt 0 100644 0:0 src 6 alpha", "m/b.txt 0 100755 0:0 src 6 bravo");
        assertThat(copy(List.of("*.txt"), "/g/")).containsExactly(
                "g/ 5 40755 0:0 now 0", "g/a.txt 0 100644 0:0 src 6 alpha", "g/b.txt 0 100755 0:0 src 6 bravo");
        assertThat(layer(List.of("a.txt"), "/o", "", new CopyLayer.Owner(1, 2), SCRATCH, false))
                .containsExactly("o 0 100644 1:2 src 6 alpha");
        assertThat(copy(List.of("link"), "/l")).containsExactly("l 0 100644 0:0 src 6 alpha");
        assertThat(copy(List.of("dir/sub/c.txt"), ".")).containsExactly("c.txt 0 100644 0:0 src 12 sub charlie");
    }

    @Test
    void relativeDestinationsAreRelativeToWorkdirAndExistingDirectoriesMeanInto() throws IOException {
        assertThat(layer(List.of("a.txt"), "x/", "/app", CopyLayer.Owner.ROOT, target(Set.of("/app"), Map.of()), false))
                .containsExactly("app/x/ 5 40755 0:0 now 0", "app/x/a.txt 0 100644 0:0 src 6 alpha");
        assertThat(layer(List.of("a.txt"), "/etc", "", CopyLayer.Owner.ROOT, target(Set.of("/etc"), Map.of()), false))
                .containsExactly("etc/a.txt 0 100644 0:0 src 6 alpha");
        assertThat(layer(List.of("a.txt"), "/new/deep/f", "", new CopyLayer.Owner(5, 6), SCRATCH, false))
                .containsExactly("new/ 5 40755 5:6 now 0", "new/deep/ 5 40755 5:6 now 0",
                        "new/deep/f 0 100644 5:6 src 6 alpha");
        assertThat(layer(List.of("dir"), "/p/q", "", new CopyLayer.Owner(5, 6), SCRATCH, false))
                .startsWith("p/ 5 40755 0:0 now 0", "p/q/ 5 40755 5:6 now 0");
    }

    @Test
    void chmodSetsThePermissionsOfWhatIsCopied() throws IOException {
        chmod = CopyLayer.chmod("0600");
        assertThat(copy(List.of("dir"), "/d/")).containsExactly(
                "d/ 5 40755 0:0 now 0",
                "d/c.txt 0 100600 0:0 src 8 charlie",
                "d/sub/ 5 40600 0:0 src 0",
                "d/sub/c.txt 0 100600 0:0 src 12 sub charlie");
        assertThatThrownBy(() -> CopyLayer.chmod("u+x")).hasMessage(
                "invalid chmod parameter: 'u+x'. it should be octal string and between 0 and 07777");
        assertThatThrownBy(() -> CopyLayer.chmod("17777")).hasMessage(
                "invalid chmod parameter: '17777'. it should be octal string and between 0 and 07777");
    }

    @Test
    void linkIgnoresTheParentImage() throws IOException {
        link = true;
        assertThat(layer(List.of("a.txt"), "/etc", "", CopyLayer.Owner.ROOT, target(Set.of("/etc"), Map.of()), false))
                .containsExactly("etc 0 100644 0:0 src 6 alpha");
    }

    @Test
    void copyFromKeepsOwnersWhenNoChownIsGiven() throws IOException {
        assertThat(layer(List.of("a.txt"), "/k", "", null, SCRATCH, false)).containsExactly("k 0 100644 0:0 src 6 alpha");
    }

    @Test
    void chownNamesAreLookedUpInTheImage() {
        CopyLayer.Target image = target(Set.of(), Map.of("/etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:\n",
                "/etc/group", "root:x:0:\nstaff:x:50:\napp:x:1000:\n"));
        assertThat(CopyLayer.owner("app", image)).isEqualTo(new CopyLayer.Owner(1000, 1000));
        assertThat(CopyLayer.owner("app:staff", image)).isEqualTo(new CopyLayer.Owner(1000, 50));
        assertThat(CopyLayer.owner("7:staff", image)).isEqualTo(new CopyLayer.Owner(7, 50));
        assertThat(CopyLayer.owner("1:2", SCRATCH)).isEqualTo(new CopyLayer.Owner(1, 2));
        assertThatThrownBy(() -> CopyLayer.owner("nobody", image)).hasMessage(
                "unable to convert uid/gid chown string to host mapping: can't find uid for user nobody: no such user: nobody");
        assertThatThrownBy(() -> CopyLayer.owner("root:nogroup", image)).hasMessage(
                "unable to convert uid/gid chown string to host mapping: can't find gid for group nogroup: no such group: nogroup");
        assertThatThrownBy(() -> CopyLayer.owner("a:b:c", image)).hasMessage("invalid chown string format: a:b:c");
        assertThatThrownBy(() -> CopyLayer.owner("app", SCRATCH)).hasMessage(
                "unable to convert uid/gid chown string to host mapping: can't find uid for user app: open /etc/passwd: no such file or directory");
    }

    @Test
    void addUnpacksALocalArchiveAndCopyDoesNot(@TempDir Path other) throws IOException {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(inner))) {
            TarArchiveEntry e = new TarArchiveEntry("pkg/bin/tool");
            byte[] data = "tool".getBytes(StandardCharsets.UTF_8);
            e.setSize(data.length);
            e.setMode(0100755);
            e.setModTime(java.nio.file.attribute.FileTime.fromMillis(0));
            e.setUserId(1000);
            e.setGroupId(1000);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        ByteArrayOutputStream ctx = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(ctx)) {
            TarArchiveEntry e = new TarArchiveEntry("tool.tgz");
            e.setSize(inner.size());
            t.putArchiveEntry(e);
            t.write(inner.toByteArray());
            t.closeArchiveEntry();
        }
        BuildContext fixture = context;
        try (BuildContext archive = BuildContext.read(new ByteArrayInputStream(ctx.toByteArray()), other)) {
            context = archive;
            assertThat(layer(List.of("tool.tgz"), "/opt/", "", CopyLayer.Owner.ROOT, SCRATCH, true))
                    .containsExactly("opt/ 5 40755 0:0 now 0", "opt/pkg/bin/tool 0 100755 1000:1000 0 4 tool");
            assertThat(layer(List.of("tool.tgz"), "/opt/", "", CopyLayer.Owner.ROOT, SCRATCH, false))
                    .hasSize(2).last().asString().startsWith("opt/tool.tgz 0 100644 0:0");
        } finally {
            context = fixture;
        }
    }
}
