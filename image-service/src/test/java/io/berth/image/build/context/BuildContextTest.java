package io.berth.image.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InternalException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildContextTest {
    @TempDir
    Path work;

    /** A tar written entry by entry. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, String text) throws IOException {
            return file(name, text, 0644);
        }

        Tar file(String name, String text, int mode) throws IOException {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(data.length);
            e.setMode(mode);
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
            return this;
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            e.setMode(0750);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String target, byte type) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type);
            e.setLinkName(target);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            out.finish();
            return bytes.toByteArray();
        }
    }

    private BuildContext read(byte[] body) throws IOException {
        return BuildContext.read(new ByteArrayInputStream(body), work);
    }

    private static String text(BuildContext ctx, String path) throws IOException {
        try (InputStream in = ctx.open(path).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] compress(byte[] tar, Function<OutputStream, OutputStream> wrap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = wrap.apply(out)) {
            c.write(tar);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "gzip", "bzip2", "xz"})
    void readsEveryCompressionDockerDoes(String kind) throws IOException {
        byte[] tar = new Tar().file("Dockerfile", "FROM scratch\n").file("src/app.py", "print(1)\n", 0755).bytes();
        byte[] body = switch (kind) {
            case "gzip" -> compress(tar, o -> unchecked(() -> new GzipCompressorOutputStream(o)));
            case "bzip2" -> compress(tar, o -> unchecked(() -> new BZip2CompressorOutputStream(o)));
            case "xz" -> compress(tar, o -> unchecked(() -> new XZCompressorOutputStream(o)));
            default -> tar;
        };
        try (BuildContext ctx = read(body)) {
            assertThat(text(ctx, "Dockerfile")).isEqualTo("FROM scratch\n");
            assertThat(ctx.stat("src/app.py")).get().satisfies(e -> {
                assertThat(e.mode()).isEqualTo(0755);
                assertThat(e.size()).isEqualTo(9);
            });
            assertThat(ctx.stat("src")).get().satisfies(e -> {
                assertThat(e.isDirectory()).isTrue();
                assertThat(e.implied()).isTrue();
                assertThat(e.mode()).isEqualTo(0755);
            });
        }
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void namesStayInsideTheContext() throws IOException {
        byte[] tar = new Tar().file("../../evil", "x").file("/abs/file", "y").file("./dot", "z").bytes();
        try (BuildContext ctx = read(tar)) {
            assertThat(text(ctx, "evil")).isEqualTo("x");
            assertThat(text(ctx, "abs/file")).isEqualTo("y");
            assertThat(text(ctx, "dot")).isEqualTo("z");
            assertThat(text(ctx, "../../../dot")).isEqualTo("z");
        }
        assertThat(Files.list(work)).hasSize(0);
    }

    @Test
    void symlinksAreFollowedOnlyWithinTheRoot() throws IOException {
        byte[] tar = new Tar()
                .dir("real")
                .file("real/f", "data")
                .link("abs", "/real", TarConstants.LF_SYMLINK)
                .link("rel", "../../real/f", TarConstants.LF_SYMLINK)
                .link("escape", "/../../../etc/passwd", TarConstants.LF_SYMLINK)
                .link("loop", "loop", TarConstants.LF_SYMLINK)
                .file("abs/through", "via link")
                .link("hard", "real/f", TarConstants.LF_LINK)
                .bytes();
        try (BuildContext ctx = read(tar)) {
            assertThat(text(ctx, "abs/f")).isEqualTo("data");
            assertThat(text(ctx, "rel")).isEqualTo("data");
            assertThat(ctx.resolve("escape", true)).isEqualTo("etc/passwd");
            assertThat(ctx.open("escape")).isEmpty();
            assertThat(ctx.lstat("rel")).get().extracting(ContextEntry::type).isEqualTo(ContextEntry.Type.SYMLINK);
            assertThat(text(ctx, "real/through")).isEqualTo("via link");
            assertThat(text(ctx, "hard")).isEqualTo("data");
            assertThat(ctx.stat("real")).get().extracting(ContextEntry::mode).isEqualTo(0750);
            assertThatThrownBy(() -> ctx.stat("loop")).hasMessage("too many links in /loop");
            assertThat(ctx.under("real")).extracting(ContextEntry::path).containsExactly("real/f", "real/through");
        }
    }

    @Test
    void writingThroughALinkToNothingFailsAsUntarDoes() throws IOException {
        byte[] tar = new Tar().link("l", "/etc", TarConstants.LF_SYMLINK).file("l/x", "abc").bytes();
        assertThatThrownBy(() -> read(tar)).isInstanceOf(InternalException.class)
                .hasMessage("Error processing tar file(exit status 1): open /l/x: no such file or directory");
        assertThat(Files.list(work)).isEmpty();
    }

    @Test
    void aLaterEntryReplacesAnEarlierOne() throws IOException {
        byte[] tar = new Tar().dir("d").file("d/a", "1").file("d", "now a file").file("x", "old").file("x", "new")
                .bytes();
        try (BuildContext ctx = read(tar)) {
            assertThat(text(ctx, "d")).isEqualTo("now a file");
            assertThat(ctx.stat("d/a")).isEmpty();
            assertThat(text(ctx, "x")).isEqualTo("new");
        }
    }

    @Test
    void whatIsNotATarGetsTheDaemonsWords() throws IOException {
        byte[] garbage = new byte[2048];
        Arrays.fill(garbage, (byte) 'A');
        assertThatThrownBy(() -> read(garbage)).isInstanceOf(InternalException.class)
                .hasMessage("archive/tar: invalid tar header");
        assertThatThrownBy(() -> read("hello\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unexpected EOF");
        byte[] tar = new Tar().file("Dockerfile", "FROM scratch\n").bytes();
        assertThatThrownBy(() -> read(Arrays.copyOf(tar, 700))).hasMessage("unexpected EOF");
        assertThatThrownBy(() -> read(Arrays.copyOf(compress(tar, o -> unchecked(() -> new GzipCompressorOutputStream(o))), 30)))
                .hasMessage("unexpected EOF");
        assertThat(Files.list(work)).isEmpty();
        try (BuildContext empty = read(new byte[0])) {
            assertThat(empty.size()).isZero();
        }
    }

    @Test
    void theDockerfileIsFoundAsTheDaemonFindsIt() throws IOException {
        try (BuildContext ctx = read(new Tar().file("dockerfile", "FROM a\n").bytes())) {
            ContextDockerfile df = ContextDockerfile.locate(ctx, "");
            assertThat(df.name()).isEqualTo("dockerfile");
            assertThat(new String(df.content(), StandardCharsets.UTF_8)).isEqualTo("FROM a\n");
        }
        try (BuildContext ctx = read(new Tar().file("Dockerfile", "FROM a\n").bytes())) {
            assertThatThrownBy(() -> ContextDockerfile.locate(ctx, "nope")).isInstanceOf(InternalException.class)
                    .hasMessage("Cannot locate specified Dockerfile: nope");
            assertThatThrownBy(() -> ContextDockerfile.locate(ctx, "sub/../../nope"))
                    .hasMessage("Cannot locate specified Dockerfile: sub/../../nope");
        }
        try (BuildContext ctx = read(new Tar().file("a", "x").bytes())) {
            assertThatThrownBy(() -> ContextDockerfile.locate(ctx, null))
                    .hasMessage("Cannot locate specified Dockerfile: Dockerfile");
        }
    }

    @Test
    void theCliDockerfileFromOutsideTheContextIsReadThenDropped() throws IOException {
        // docker build -f ../other/Dockerfile . adds the file under a random name and lists it in .dockerignore.
        String random = ".dockerfile.0123456789abcdef0123";
        byte[] tar = new Tar().file("app.py", "x").file(random, "FROM scratch\nCOPY . /\n")
                .file(".dockerignore", ".dockerignore\n" + random + "\n").bytes();
        try (BuildContext ctx = read(tar)) {
            ContextDockerfile df = ContextDockerfile.locate(ctx, random);
            assertThat(df.name()).isEqualTo(random);
            assertThat(ctx.stat(random)).isEmpty();
            assertThat(ctx.stat(".dockerignore")).isEmpty();
            assertThat(ctx.stat("app.py")).isPresent();
        }
    }

    @Test
    void theDockerfileAndDockerignoreStayUnlessIgnored() throws IOException {
        byte[] tar = new Tar().file("Dockerfile", "FROM scratch\n").file(".dockerignore", "*.log\n").bytes();
        try (BuildContext ctx = read(tar)) {
            ContextDockerfile.locate(ctx, "Dockerfile");
            assertThat(ctx.stat("Dockerfile")).isPresent();
            assertThat(ctx.stat(".dockerignore")).isPresent();
            assertThat(ContextDockerfile.ignorePatterns(ctx)).containsExactly("*.log");
        }
        byte[] ignoring = new Tar().file("Dockerfile", "FROM scratch\n").file(".dockerignore", "Dockerfile\n")
                .bytes();
        try (BuildContext ctx = read(ignoring)) {
            ContextDockerfile.locate(ctx, "Dockerfile");
            assertThat(ctx.stat("Dockerfile")).isEmpty();
            assertThat(ctx.stat(".dockerignore")).isPresent();
        }
    }
}
