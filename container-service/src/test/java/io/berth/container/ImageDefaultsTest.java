package io.berth.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageDefaultsTest {
    private static final ImageDefaults IMAGE = new ImageDefaults(List.of("PATH=/bin", "LANG=C"), List.of("serve"),
            List.of("entry.sh"), "/data", "app", Map.of("a", "b"));

    private static ContainerSpec spec(List<String> cmd, List<String> entrypoint, List<String> env, String user) {
        return new ContainerSpec("img", cmd, entrypoint, env, "", user, "", Map.of(), false, false, false, "default");
    }

    @Test
    void anEmptyEntrypointGivenKeepsItselfAndTakesTheImagesCommandAsMobyDoes() {
        ContainerSpec merged = IMAGE.completing(spec(null, List.of(), null, ""));

        assertThat(merged.entrypoint()).isEmpty();
        assertThat(merged.cmd()).containsExactly("serve");
        assertThat(merged.user()).isEqualTo("app");
        assertThat(merged.env()).containsExactly("PATH=/bin", "LANG=C");
    }

    @Test
    void theContainersOwnValuesWinAndAVariableWithoutValueCountsAsSet() {
        ContainerSpec merged = IMAGE.completing(spec(List.of("x"), null, List.of("LANG"), "0"));

        assertThat(merged.cmd()).containsExactly("x");
        assertThat(merged.entrypoint()).containsExactly("entry.sh");
        assertThat(merged.env()).containsExactly("LANG", "PATH=/bin");
        assertThat(merged.user()).isEqualTo("0");
        assertThat(merged.workingDir()).isEqualTo("/data");
    }

    @Test
    void theStopSignalAndTimeoutTheCreateKeptStay() {
        ContainerSpec asked = new ContainerSpec("img", null, null, null, "", "", "", Map.of(), false, false, false,
                "default", null, null, "SIGINT", 3);

        assertThat(IMAGE.completing(asked).stopSignal()).isEqualTo("SIGINT");
        assertThat(IMAGE.completing(asked).stopTimeout()).isEqualTo(3);
    }

    @Test
    void aContainerRecordedBeforeTheDefaultsWereKeptIsShownAsAsked() {
        ContainerSpec asked = spec(null, null, List.of("A=1"), "");

        assertThat(ImageDefaults.NONE.completing(asked)).isEqualTo(asked);
    }
}
