package io.berth.container.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.container.ContainerState;
import io.berth.container.store.ContainerEntity.ExitOutcome;
import io.berth.kit.errors.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The entity's writers: each is a legal move, and facts from the node that come late or twice change nothing. */
class ContainerEntityTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static ContainerEntity created() {
        ContainerEntity container = new ContainerEntity();
        container.id = "a".repeat(64);
        container.name = "web";
        return container;
    }

    @Test
    void aRunStartsAndEnds() {
        ContainerEntity container = created();
        container.markStarting();
        assertThat(container.nextRun()).isEqualTo(1);
        assertThat(container.hasLiveRun()).as("starting: no run to signal yet").isFalse();
        assertThat(container.markRunning(1, 42, T0)).isTrue();
        assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(container.pid()).isEqualTo(42);
        assertThat(container.hasLiveRun()).isTrue();

        assertThat(container.markExited(1, 3, T0.plusSeconds(1))).isEqualTo(ExitOutcome.APPLIED);
        assertThat(container.state()).isEqualTo(ContainerState.EXITED);
        assertThat(container.exitCode()).isEqualTo(3);
        assertThat(container.hasLiveRun()).isFalse();
        assertThat(container.pid()).isZero();
        assertThat(container.markExited(1, 3, T0.plusSeconds(1))).as("a redelivered exit").isEqualTo(ExitOutcome.STALE);
    }

    @Test
    void anExitThatOvertakesTheStartsAnswerTellsTheStart() {
        ContainerEntity container = created();
        container.markStarting();
        assertThat(container.markExited(1, 0, T0)).isEqualTo(ExitOutcome.APPLIED_WITH_START);
        assertThat(container.run()).isEqualTo(1);
        assertThat(container.startedAt()).isEqualTo(T0);
        assertThat(container.markRunning(1, 42, T0)).as("the late answer").isFalse();
        assertThat(container.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void aFailedStartGoesBackWhereItWasWithDockersCode() {
        ContainerEntity never = created();
        never.markStarting();
        never.markStartFailed("exec: \"nope\": executable file not found in $PATH", 127);
        assertThat(never.state()).isEqualTo(ContainerState.CREATED);
        assertThat(never.exitCode()).isEqualTo(127);

        ContainerEntity ranBefore = created();
        ranBefore.markStarting();
        ranBefore.markRunning(1, 7, T0);
        ranBefore.markExited(1, 0, T0.plusSeconds(1));
        ranBefore.markStarting();
        ranBefore.markStartFailed("boom", 128);
        assertThat(ranBefore.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void aRunTheControlPlaneNeverSawStartIsRecordedFromItsExit() {
        ContainerEntity container = created();
        container.markStarting();
        container.markStartFailed("worker did not answer", 128);
        assertThat(container.markExited(1, 0, T0)).isEqualTo(ExitOutcome.APPLIED_WITH_START);
        assertThat(container.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void removingARunningContainerNeedsForceAndLearnsHowItsRunEnded() {
        ContainerEntity container = created();
        container.markStarting();
        container.markRunning(1, 7, T0);
        assertThatThrownBy(() -> container.markRemoving(false)).isInstanceOf(ConflictException.class)
                .hasMessage("cannot remove container \"/web\": container is running: stop the container before removing or force remove");

        assertThat(container.markRemoving(true)).as("it had a process").isTrue();
        assertThat(container.hasLiveRun()).as("the removal still has to kill it").isTrue();
        assertThat(container.markExited(1, 137, T0.plusSeconds(1))).isEqualTo(ExitOutcome.APPLIED);
        assertThat(container.hasLiveRun()).isFalse();
        assertThat(container.state()).isEqualTo(ContainerState.REMOVING);
        assertThat(container.exitCode()).isEqualTo(137);
        assertThatThrownBy(container::markStarting).isInstanceOf(ConflictException.class);
    }
}
