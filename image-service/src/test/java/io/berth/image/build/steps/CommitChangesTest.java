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

    @Test
    void theRequestsConfigurationIsCompletedFromTheContainersAsDockersMergeDoes() {
        io.berth.image.build.dockerfile.HealthConfig health = new io.berth.image.build.dockerfile.HealthConfig(
                List.of("CMD", "true"), java.time.Duration.ofSeconds(30), java.time.Duration.ZERO, java.time.Duration.ZERO, 3);
        StageConfig container = StageConfig.of("app", java.util.Map.of("80/tcp", 1), List.of("PATH=/bin", "B=1"),
                List.of("sh"), null, health, java.util.Map.of("/data", 1), "/srv", null, java.util.Map.of("a", "1", "b", "2"),
                "SIGINT", null);
        StageConfig user = StageConfig.of(null, java.util.Map.of("443/tcp", 1), List.of("B=2", "C=3"), List.of("x"), null,
                new io.berth.image.build.dockerfile.HealthConfig(List.of(), java.time.Duration.ZERO,
                        java.time.Duration.ofSeconds(5), java.time.Duration.ZERO, 0),
                null, null, null, java.util.Map.of("a", "mine"), null, null);
        StageConfig merged = CommitChanges.merge(user, container);
        assertThat(merged.user()).isEqualTo("app");
        assertThat(merged.exposedPorts()).containsExactly("443/tcp", "80/tcp");
        // dockerd keeps the user's entries and appends the container's whose names the user's lacks.
        assertThat(merged.env()).containsExactly("B=2", "C=3", "PATH=/bin");
        assertThat(merged.cmd()).containsExactly("x");
        assertThat(merged.labels()).containsEntry("a", "mine").containsEntry("b", "2");
        assertThat(merged.healthcheck()).isEqualTo(new io.berth.image.build.dockerfile.HealthConfig(List.of("CMD", "true"),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(5), java.time.Duration.ZERO, 3));
        assertThat(merged.volumes()).containsExactly("/data");
        assertThat(merged.workingDir()).isEqualTo("/srv");
        assertThat(merged.stopSignal()).isEqualTo("SIGINT");

        StageConfig empty = CommitChanges.merge(StageConfig.of(null, null, null, null, null, null, null, null, null, null,
                null, null), container);
        assertThat(empty.cmd()).containsExactly("sh");
        assertThat(empty.env()).containsExactly("PATH=/bin", "B=1");
        StageConfig withEntrypoint = CommitChanges.merge(StageConfig.of(null, null, null, null, List.of("/e"), null, null,
                null, null, null, null, null), container);
        assertThat(withEntrypoint.cmd()).as("an entrypoint of the user's takes no cmd of the container's").isNull();
    }
}
