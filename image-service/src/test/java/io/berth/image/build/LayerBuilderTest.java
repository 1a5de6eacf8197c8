package io.berth.image.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class LayerBuilderTest {
    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:09Z");
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static Map<String, TarArchiveEntry> entries(byte[] tar, Map<String, byte[]> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), entry);
                if (entry.isFile()) {
                    contents.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    @Test
    void writesSortedRootOwnedEntriesWithOneMtime() throws IOException {
        byte[] binary = "#!fake busybox".getBytes(StandardCharsets.UTF_8);
        BuiltLayer layer = LayerBuilder.build(BusyboxRootfs.entries(binary, List.of("sh", "ls", "[", "busybox")), WHEN);
        byte[] tar = gunzip(layer.compressed());
        assertThat(layer.diffId()).isEqualTo(Digest.of(tar));
        assertThat(layer.digest()).isEqualTo(Digest.of(layer.compressed()));
        assertThat(layer.uncompressedSize()).isEqualTo(tar.length);

        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(tar, contents);
        assertThat(entries.keySet()).containsExactly("bin/", "bin/[", "bin/busybox", "bin/ls", "bin/sh", "dev/", "etc/",
                "etc/group", "etc/passwd", "proc/", "root/", "sys/", "tmp/", "var/");
        assertThat(entries.values()).allSatisfy(entry -> {
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEqualTo("root");
            assertThat(entry.getGroupName()).isEqualTo("root");
            assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(WHEN);
            assertThat(entry.getExtraPaxHeaders()).isEmpty();
        });
        assertThat(entries.get("bin/sh").isSymbolicLink()).isTrue();
        assertThat(entries.get("bin/sh").getLinkName()).isEqualTo("busybox");
        assertThat(entries.get("bin/busybox").getMode() & 07777).isEqualTo(0755);
        assertThat(contents.get("bin/busybox")).isEqualTo(binary);
        assertThat(entries.get("tmp/").getMode() & 07777).isEqualTo(01777);
        assertThat(entries.get("root/").getMode() & 07777).isEqualTo(0700);
        assertThat(new String(contents.get("etc/passwd"), StandardCharsets.UTF_8))
                .contains("root:x:0:0:root:/root:/bin/sh\n").contains("nobody:x:65534:65534:");
        assertThat(new String(contents.get("etc/group"), StandardCharsets.UTF_8)).contains("root:x:0:\n").contains("nobody:x:65534:\n");
    }

    @Test
    void theRealBusyboxLayerHasTheBinaryAndEveryAppletLink() throws IOException {
        List<String> applets = BusyboxRootfs.applets(BUSYBOX);
        assertThat(applets).contains("sh", "ls", "cat", "echo").doesNotHaveDuplicates();

        BuiltImage image = BusyboxImage.build(BUSYBOX);
        byte[] tar = gunzip(image.layers().get(0).compressed());
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(tar, contents);
        assertThat(contents.get("bin/busybox")).isEqualTo(Files.readAllBytes(BUSYBOX));
        List<String> links = new ArrayList<>();
        entries.values().stream().filter(TarArchiveEntry::isSymbolicLink).forEach(entry -> {
            assertThat(entry.getLinkName()).isEqualTo("busybox");
            links.add(entry.getName().substring("bin/".length()));
        });
        assertThat(links).containsExactlyInAnyOrderElementsOf(applets.stream().filter(a -> !a.equals("busybox")).toList());
        assertThat(new ArrayList<>(entries.keySet())).isSorted();
    }

    @Test
    void twoBuildsGiveTheSameDigests() {
        BuiltImage first = BusyboxImage.build(BUSYBOX);
        BuiltImage second = BusyboxImage.build(BUSYBOX);
        assertThat(second.layers().get(0).diffId()).isEqualTo(first.layers().get(0).diffId());
        assertThat(second.layers().get(0).digest()).isEqualTo(first.layers().get(0).digest());
        assertThat(second.configDigest()).isEqualTo(first.configDigest());
        assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
        assertThat(second.config()).isEqualTo(first.config());
    }

    @Test
    void theBuilderDoesNotDependOnWhoRunsIt() {
        String user = System.getProperty("user.name");
        List<LayerEntry> entries = List.of(LayerEntry.file("a", 0644, new byte[] {1}));
        Digest before = LayerBuilder.build(entries, WHEN).diffId();
        try {
            System.setProperty("user.name", "someone-else");
            assertThat(LayerBuilder.build(entries, WHEN).diffId()).isEqualTo(before);
        } finally {
            System.setProperty("user.name", user);
        }
    }
}
