package io.berth.worker.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhiteoutsTest {
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
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mknod and trusted.* xattrs need root");
        Files.createDirectories(root.resolve("d"));
        NativeWhiteoutOps ops = new NativeWhiteoutOps();
        ops.whiteout(root.resolve("gone"));
        ops.opaque(root.resolve("d"));
        String stat = new String(new ProcessBuilder("stat", "-c", "%F %t:%T", root.resolve("gone").toString())
                .start().getInputStream().readAllBytes()).trim();
        assertThat(stat).isEqualTo("character special file 0:0");
    }
}
