package io.berth.worker.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhiteoutsTest {
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    @TempDir
    Path root;

    /** Records what the conversion asked for, so the test needs neither root nor a filesystem with xattrs. */
    static final class Recording implements WhiteoutOps {
        final List<Path> whiteouts = new ArrayList<>();
        final List<Path> opaques = new ArrayList<>();

        @Override
        public void whiteout(Path path) {
            whiteouts.add(path);
        }

        @Override
        public void opaque(Path dir) {
            opaques.add(dir);
        }
    }

    @Test
    void convertsFileWhiteoutsAndOpaqueMarkers() throws IOException {
        Files.createDirectories(root.resolve("etc/conf.d"));
        Files.createFile(root.resolve("etc/.wh.passwd"));
        Files.createFile(root.resolve("etc/conf.d/.wh..wh..opq"));
        Files.createFile(root.resolve("etc/conf.d/kept"));
        Files.createFile(root.resolve("etc/group"));
        Recording ops = new Recording();

        assertThat(Whiteouts.convert(root, ops)).isEqualTo(2);

        assertThat(ops.whiteouts).containsExactly(root.resolve("etc/passwd"));
        assertThat(ops.opaques).containsExactly(root.resolve("etc/conf.d"));
        assertThat(root.resolve("etc/.wh.passwd")).doesNotExist();
        assertThat(root.resolve("etc/conf.d/.wh..wh..opq")).doesNotExist();
        assertThat(root.resolve("etc/conf.d/kept")).exists();
        assertThat(root.resolve("etc/group")).exists();
    }

    @Test
    void whiteoutOfADirectoryReplacesWhatTheLayerItselfHadThere() throws IOException {
        Files.createDirectories(root.resolve("var/cache/apt"));
        Files.createFile(root.resolve("var/.wh.cache"));
        Recording ops = new Recording();

        Whiteouts.convert(root, ops);

        assertThat(ops.whiteouts).containsExactly(root.resolve("var/cache"));
        assertThat(root.resolve("var/cache")).doesNotExist();
    }

    @Test
    void nativeOpsMakeACharDevice00AndTheOpaqueXattr() throws Exception {
        assumeRoot();
        Files.createDirectories(root.resolve("d"));
        NativeWhiteoutOps ops = new NativeWhiteoutOps();
        ops.whiteout(root.resolve("gone"));
        ops.opaque(root.resolve("d"));
        assertThat(stat(root.resolve("gone"))).isEqualTo("character special file 0:0");
        assertOpaque(root.resolve("d"));
    }

    /** The conversion with the real operations: what overlayfs will read is really on disk. */
    @Test
    void convertingALayerLeavesWhatOverlayfsReads() throws Exception {
        assumeRoot();
        Files.createDirectories(root.resolve("etc/conf.d"));
        Files.createDirectories(root.resolve("etc/kept.d"));
        Files.createFile(root.resolve("etc/.wh.passwd"));
        Files.createFile(root.resolve("etc/conf.d/.wh..wh..opq"));

        Whiteouts.convert(root, new NativeWhiteoutOps());

        assertThat(stat(root.resolve("etc/passwd"))).isEqualTo("character special file 0:0");
        assertOpaque(root.resolve("etc/conf.d"));
        assertThat(Xattrs.get(root.resolve("etc/kept.d"), OPAQUE_XATTR)).isEmpty();
    }

    /** The check above is not vacuous: a conversion that drops the opaque marker without the xattr fails it. */
    @Test
    void theOpaqueCheckFailsWhenTheConversionDoesNotSetIt() throws Exception {
        assumeRoot();
        Files.createDirectories(root.resolve("etc/conf.d"));
        Files.createFile(root.resolve("etc/conf.d/.wh..wh..opq"));
        NativeWhiteoutOps real = new NativeWhiteoutOps();
        WhiteoutOps forgetsOpaque = new WhiteoutOps() {
            @Override
            public void whiteout(Path path) throws IOException {
                real.whiteout(path);
            }

            @Override
            public void opaque(Path dir) {
                // the bug this test stands in for: the marker is removed, the xattr never set
            }
        };

        Whiteouts.convert(root, forgetsOpaque);

        assertThat(root.resolve("etc/conf.d/.wh..wh..opq")).doesNotExist();
        assertThatThrownBy(() -> assertOpaque(root.resolve("etc/conf.d"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining(OPAQUE_XATTR);
    }

    private static void assumeRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mknod and trusted.* xattrs need root");
    }

    /** overlayfs hides the lower layers' entries of a directory whose {@code trusted.overlay.opaque} is {@code y}. */
    private static void assertOpaque(Path dir) {
        assertThat(Xattrs.get(dir, OPAQUE_XATTR)).as(OPAQUE_XATTR + " of " + dir).hasValue("y");
    }

    private static String stat(Path path) throws IOException {
        return new String(new ProcessBuilder("stat", "-c", "%F %t:%T", path.toString()).start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
