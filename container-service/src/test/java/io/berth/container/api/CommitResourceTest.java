package io.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code POST /commit}'s body: none, {@code null} (what the CLI sends), or an image configuration. */
class CommitResourceTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noBodyAndNullMeanTheContainersConfiguration() {
        assertThat(CommitResource.config(new byte[0])).isNull();
        assertThat(CommitResource.config(bytes("null\n"))).isNull();
    }

    @Test
    void anImageConfigurationIsBoundStrictly() {
        ContainerConfig config = CommitResource.config(bytes("{\"Cmd\":[\"x\"],\"Env\":[\"A=1\"]}"));
        assertThat(config.cmd()).containsExactly("x");
        assertThat(config.env()).containsExactly("A=1");
        assertThatThrownBy(() -> CommitResource.config(bytes("{\"Cmd\":1}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Cmd");
    }

    @Test
    void whatAnImageCannotKeepIsRefusedNotDropped() {
        assertThatThrownBy(() -> CommitResource.config(bytes("{\"Hostname\":\"h\",\"Tty\":true,\"Cmd\":[\"x\"]}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Berth's images do not keep Hostname, Tty: leave them out of the commit's configuration");
    }
}
