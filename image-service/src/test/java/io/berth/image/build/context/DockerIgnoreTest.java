package io.berth.image.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @Test
    void patternsAreTrimmedCleanedAndRelative() {
        assertThat(DockerIgnore.parse("\uFEFF# comment\n  *.log  \n\n/build/\n./src/../dist\n! /keep/me/\n !x\n/\n"))
                .containsExactly("*.log", "build", "dist", "!keep/me", "!x", "/");
    }

    @Test
    void onlyALeadingHashIsAComment() {
        assertThat(DockerIgnore.parse(" # not a comment\n#comment\n")).containsExactly("# not a comment");
    }

    @Test
    void goCleanIsGos() {
        assertThat(GoPaths.clean("")).isEqualTo(".");
        assertThat(GoPaths.clean("a//b/./c/..")).isEqualTo("a/b");
        assertThat(GoPaths.clean("../../x")).isEqualTo("../../x");
        assertThat(GoPaths.clean("/../x/")).isEqualTo("/x");
        assertThat(GoPaths.inRoot("../../etc/passwd")).isEqualTo("etc/passwd");
        assertThat(GoPaths.inRoot("./")).isEmpty();
    }
}
