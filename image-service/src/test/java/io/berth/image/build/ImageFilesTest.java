package io.berth.image.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image's merged file system: whiteouts, opaque directories, links, and the merged tar COPY --from reads. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path layer(String name, boolean gzip, String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip ? new GzipCompressorOutputStream(bytes) : bytes)) {
            for (String spec : entries) {
                TarArchiveEntry e;
                if (spec.endsWith("/")) {
                    e = new TarArchiveEntry(spec, TarArchiveEntry.LF_DIR);
                } else if (spec.contains("->")) {
                    String[] parts = spec.split("->");
                    e = new TarArchiveEntry(parts[0], TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(parts[1]);
                } else {
                    e = new TarArchiveEntry(spec);
                    e.setSize(spec.length());
                }
                tar.putArchiveEntry(e);
                if (e.getLinkFlag() == TarArchiveEntry.LF_NORMAL) {
                    tar.write(spec.getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void upperLayersHideWhatTheyWhiteOutAndLinksResolveInsideTheImage() throws IOException {
        Path lower = layer("lower", true, "etc/", "etc/passwd", "a", "d/", "d/x", "d/y", "keep/", "keep/k", "gone/", "gone/g");
        Path upper = layer("upper", false, ".wh.a", "d/", "d/z", "d/.wh..wh..opq", ".wh.gone", "l->d", "abs->/keep",
                "up->../../keep");
        ImageFiles files = ImageFiles.of(List.of(lower, upper));

        assertThat(files.read("/etc/passwd")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("etc/passwd");
        assertThat(files.read("/a")).isEmpty();
        assertThat(files.isDirectory("/d")).isTrue();
        assertThat(files.isDirectory("/l")).isTrue();
        assertThat(files.isDirectory("/abs")).isTrue();
        assertThat(files.isDirectory("/up")).isTrue();
        assertThat(files.isDirectory("/gone")).isFalse();
        assertThat(files.read("/l/z")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("d/z");
        assertThat(files.read("/d/x")).isEmpty();
        assertThat(files.isDirectory("/")).isTrue();

        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        files.writeMerged(merged);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(merged.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("etc/", "etc/passwd", "keep/", "keep/k", "d/", "d/z", "l", "abs", "up");
    }
}
