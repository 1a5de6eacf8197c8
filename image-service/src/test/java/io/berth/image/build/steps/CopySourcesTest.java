package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.build.context.BuildContext;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY source selection and checksums. {@code build/copy-context.tar} was sent to Docker Engine 20.10's classic
 * builder as it is; the expected history comments are the ones {@code docker history --no-trunc} showed.
 */
class CopySourcesTest extends CopyContextFixture {
    private static final String A_TXT = "file:58334428482c4cbbca5ae180953ab0e8246069d983149e4f89d217a03594740f";
    private static final String MULTI_AB = "multi:ffef6fa79c4865389cb8e63e98b9afa4fcc53f22e8e8743882b0bb6ba7d02feb";

    private String comment(List<String> sources, String dest, String chown) {
        return CopySources.select(context, "COPY", sources, dest, chown).comment();
    }

    @Test
    void checksumsAndCommentsAreDockers() {
        assertThat(comment(List.of("a.txt"), "/", "")).isEqualTo("COPY " + A_TXT + " in / ");
        assertThat(comment(List.of("dir"), "/d/", "")).isEqualTo(
                "COPY dir:349606397b14a231fa53a6c1efc737aebe30d48d5a57d487b8bf06c17d93add5 in /d/ ");
        assertThat(comment(List.of("a.txt", "b.txt"), "/m/", "")).isEqualTo("COPY " + MULTI_AB + " in /m/ ");
        assertThat(comment(List.of("*.txt"), "/g/", "")).isEqualTo("COPY " + MULTI_AB + " in /g/ ");
        assertThat(comment(List.of("a.txt"), "/o", "1:2")).isEqualTo("COPY --chown=1:2" + A_TXT + " in /o ");
        assertThat(comment(List.of("link"), "/l", "")).isEqualTo("COPY " + A_TXT + " in /l ");
        assertThat(comment(List.of("dir/sub/c.txt"), ".", "")).isEqualTo(
                "COPY file:6eb189145fbe2bd61badef62b82bcf42a0627314231b83e89545e04f4fa9f28f in . ");
        CopySources.Selection s = CopySources.select(context, "COPY", List.of("/a.txt"), "/", "");
        assertThat(s.containerCmd(StageConfig.scratch()))
                .containsExactly("/bin/sh", "-c", "#(nop) COPY " + A_TXT + " in / ");
    }

    @Test
    void wildcardsSelectInWalkOrder() {
        assertThat(CopySources.select(context, "COPY", List.of("dir/*"), "/x/", "").sources())
                .extracting(CopySources.Source::path, CopySources.Source::directory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dir/c.txt", false),
                        org.assertj.core.groups.Tuple.tuple("dir/sub", true));
        assertThat(CopySources.select(context, "COPY", List.of("[ab].txt"), "/x/", "").sources()).hasSize(2);
        assertThat(CopySources.select(context, "COPY", List.of("?.txt"), "/x/", "").sources()).hasSize(2);
    }

    @Test
    void badSourcesGetDockersWords() {
        assertThatThrownBy(() -> comment(List.of("missing"), "/x", "")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("COPY failed: file not found in build context or excluded by .dockerignore: stat missing:"
                        + " file does not exist");
        assertThatThrownBy(() -> comment(List.of("*.nope"), "/x", ""))
                .hasMessage("COPY failed: no source files were specified");
        assertThatThrownBy(() -> comment(List.of("a.txt", "b.txt"), "/m", "")).hasMessage(
                "When using COPY with more than one source file, the destination must be a directory and end with a /");
        assertThatThrownBy(() -> comment(List.of("../a.txt"), "/up", ""))
                .hasMessage("COPY failed: forbidden path outside the build context: ../a.txt ()");
        assertThatThrownBy(() -> comment(List.of("dir/../../b.txt"), "/z", ""))
                .hasMessage("COPY failed: forbidden path outside the build context: dir/../../b.txt ()");
        assertThatThrownBy(() -> comment(List.of("http://example.invalid/x"), "/y", ""))
                .hasMessage("COPY failed: source can't be a URL for COPY");
        assertThat(comment(List.of("dir/../a.txt"), "/", "")).isEqualTo("COPY " + A_TXT + " in / ");
    }
}
