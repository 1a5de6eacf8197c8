package io.berth.container.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.container.ContainerSpec;
import io.berth.container.ImageFacts;
import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCommandTest {
    private static final ImageFacts BUSYBOX = image(null, List.of("sh"));
    private static final ImageFacts WITH_ENTRYPOINT = image(List.of("/entry.sh"), List.of("serve"));

    @Test
    void takesTheImagesCmdWhenNoneIsGiven() {
        assertThat(ProcessCommand.command(spec(null, null), BUSYBOX)).containsExactly("sh");
        assertThat(ProcessCommand.command(spec(List.of("echo", "hi"), null), BUSYBOX)).containsExactly("echo", "hi");
    }

    @Test
    void appendsCmdToTheEntrypoint() {
        assertThat(ProcessCommand.command(spec(null, null), WITH_ENTRYPOINT)).containsExactly("/entry.sh", "serve");
        assertThat(ProcessCommand.command(spec(List.of("debug"), null), WITH_ENTRYPOINT)).containsExactly("/entry.sh", "debug");
    }

    @Test
    void aGivenEntrypointDropsTheImagesCmd() {
        assertThat(ProcessCommand.command(spec(null, List.of("date")), WITH_ENTRYPOINT)).containsExactly("date");
    }

    @Test
    void refusesAContainerWithNothingToRun() {
        assertThatThrownBy(() -> ProcessCommand.command(spec(null, null), image(null, null)))
                .isInstanceOf(InvalidParameterException.class).hasMessage("no command specified");
    }

    @Test
    void containerVariablesOverrideTheImagesAndPathAndHostnameAreAlwaysThere() {
        ImageFacts image = new ImageFacts("sha256:1", "x", null, List.of("A=image", "B=image"), List.of("sh"), null, null, null, null, null);
        ContainerSpec spec = new ContainerSpec("x", null, null, List.of("B=container", "C=3"), null, null, null, Map.of(),
                true, true, false, null);

        assertThat(ProcessCommand.environment(spec, image, "abc")).containsExactly(
                ProcessCommand.DEFAULT_PATH, "HOSTNAME=abc", "A=image", "B=container", "C=3");
    }

    @Test
    void workingDirMustBeAbsolute() {
        ContainerSpec relative = new ContainerSpec("x", null, null, null, "srv", null, null, null, true, true, false,
                null);

        assertThatThrownBy(() -> ProcessCommand.workingDir(relative, BUSYBOX)).isInstanceOf(InvalidParameterException.class);
        assertThat(ProcessCommand.workingDir(spec(null, null), BUSYBOX)).isEqualTo("/");
    }

    private static ContainerSpec spec(List<String> cmd, List<String> entrypoint) {
        return new ContainerSpec("busybox", cmd, entrypoint, null, null, null, null, null, true, true,
                false, null);
    }

    private static ImageFacts image(List<String> entrypoint, List<String> cmd) {
        return new ImageFacts("sha256:1", "busybox", null, List.of(), cmd, entrypoint, null, null, Map.of(), null);
    }
}
