package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The build stream, byte for byte as Docker Engine 20.10 wrote it for the same builds. */
class BuildMessagesTest {
    private static final String IMAGE = "sha256:9c566a4eb2b739aef6839c20d0cec5dcbcc670c62d73552b243b897a23ef3418";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void stepsAndResultsAreDockers() {
        assertThat(text(BuildMessages.step(3, 5, "RUN echo out; echo err >&2"))).isEqualTo(
                "{\"stream\":\"Step 3/5 : RUN echo out; echo err \\u003e\\u00262\"}\n{\"stream\":\"\\n\"}\n");
        assertThat(text(BuildMessages.result("sha256:e69a398b0d9a0123456789"))).isEqualTo(
                "{\"stream\":\" ---\\u003e e69a398b0d9a\\n\"}\n");
        assertThat(text(BuildMessages.result(""))).isEqualTo("{\"stream\":\" ---\\u003e \\n\"}\n");
        assertThat(text(BuildMessages.runningIn("8173901dd2c7aaaaaaaa"))).isEqualTo(
                "{\"stream\":\" ---\\u003e Running in 8173901dd2c7\\n\"}\n");
        assertThat(text(BuildMessages.usingCache())).isEqualTo("{\"stream\":\" ---\\u003e Using cache\\n\"}\n");
        assertThat(text(BuildMessages.removing("8173901dd2c7aaaaaaaa"))).isEqualTo(
                "{\"stream\":\"Removing intermediate container 8173901dd2c7\\n\"}\n");
        assertThat(text(BuildMessages.stream("out\n"))).isEqualTo("{\"stream\":\"out\\n\"}\n");
        assertThat(text(BuildMessages.stderr("err\n"))).isEqualTo("{\"stream\":\"\\u001b[91merr\\n\\u001b[0m\"}\n");
    }

    @Test
    void theEndOfABuildIsDockers() {
        assertThat(text(BuildMessages.aux(IMAGE))).isEqualTo("{\"aux\":{\"ID\":\"" + IMAGE + "\"}}\n");
        assertThat(text(BuildMessages.built(IMAGE))).isEqualTo("{\"stream\":\"Successfully built 9c566a4eb2b7\\n\"}\n");
        assertThat(text(BuildMessages.tagged("out1:latest"))).isEqualTo(
                "{\"stream\":\"Successfully tagged out1:latest\\n\"}\n");
        assertThat(text(BuildMessages.error("The command '/bin/sh -c echo before; exit 3' returned a non-zero code: 3", 3)))
                .isEqualTo("{\"errorDetail\":{\"code\":3,\"message\":\"The command '/bin/sh -c echo before; exit 3'"
                        + " returned a non-zero code: 3\"},\"error\":\"The command '/bin/sh -c echo before; exit 3'"
                        + " returned a non-zero code: 3\"}\n");
        assertThat(text(BuildMessages.error("No image was generated. Is your Dockerfile empty?", 0))).isEqualTo(
                "{\"errorDetail\":{\"message\":\"No image was generated. Is your Dockerfile empty?\"},"
                        + "\"error\":\"No image was generated. Is your Dockerfile empty?\"}\n");
    }

    @Test
    void onbuildTriggersAreAnnouncedInThreeMessages() {
        assertThat(text(BuildMessages.executingTriggers(2))).isEqualTo(
                "{\"stream\":\"# Executing 2 build trigger\"}\n{\"stream\":\"s\"}\n{\"stream\":\"\\n\"}\n");
        assertThat(text(BuildMessages.executingTriggers(1))).isEqualTo(
                "{\"stream\":\"# Executing 1 build trigger\"}\n{\"stream\":\"\\n\"}\n");
    }

    @Test
    void parserWarningsAreOneRedMessage() {
        assertThat(text(BuildMessages.stderr("[WARNING]: Empty continuation line found in:\n    ENV A=1   B=2\n"
                + "[WARNING]: Empty continuation lines will become errors in a future release.\n"))).isEqualTo(
                "{\"stream\":\"\\u001b[91m[WARNING]: Empty continuation line found in:\\n    ENV A=1   B=2\\n"
                        + "[WARNING]: Empty continuation lines will become errors in a future release.\\n\\u001b[0m\"}\n");
    }
}
