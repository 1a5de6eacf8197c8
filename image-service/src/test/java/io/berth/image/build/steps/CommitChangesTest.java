package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker commit --change}; expected values and words from Docker Engine 20.10 (a busybox container). */
class CommitChangesTest {
    private static StageConfig busybox() {
        return StageConfig.of(null, null, null, List.of("sh"), null, null, null, null, null, null, null, null);
    }

    @Test
    void changesApplyAsDockerAppliesThem() {
        StageConfig c = CommitChanges.apply(busybox(),
                List.of("ENV A=1", "WORKDIR rel", "CMD [\"x\"]", "EXPOSE 80", "LABEL k=$A"), s -> { });
        assertThat(c.env()).containsExactly("A=1");
        assertThat(c.workingDir()).isEqualTo("/rel");
        assertThat(c.cmd()).containsExactly("x");
        assertThat(c.exposedPorts()).containsExactly("80/tcp");
        assertThat(c.labels()).containsEntry("k", "1");
        assertThat(CommitChanges.apply(busybox(), List.of(), s -> { }).cmd()).containsExactly("sh");
    }

    @Test
    void wrongChangesGetDockersWords() {
        for (String[] c : new String[][] {
                {"RUN x", "run is not a valid change command"},
                {"FOO x", "foo is not a valid change command"},
                {"ENV A", "ENV must have two arguments"},
                {"EXPOSE 80/xyz", "Invalid proto: xyz"},
                {"ENV A=${B:?no}", "failed to process \"${B:?no}\": B: no"},
                {"ONBUILD ONBUILD x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"}}) {
            assertThatThrownBy(() -> CommitChanges.apply(busybox(), List.of(c[0]), s -> { }))
                    .isInstanceOf(InvalidParameterException.class).hasMessage(c[1]);
        }
    }
}
