package io.berth.container;

import static io.berth.container.ContainerState.CREATED;
import static io.berth.container.ContainerState.EXITED;
import static io.berth.container.ContainerState.PAUSED;
import static io.berth.container.ContainerState.REMOVING;
import static io.berth.container.ContainerState.RUNNING;
import static io.berth.container.ContainerState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.NotModifiedException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole transition table, move by move, as docs/container-states.md draws it. */
class ContainerStateTest {
    private static final String ID = "c".repeat(64);
    private static final Map<ContainerState, Set<ContainerState>> LEGAL = Map.of(
            CREATED, EnumSet.of(STARTING, REMOVING),
            STARTING, EnumSet.of(RUNNING, CREATED, EXITED, REMOVING),
            RUNNING, EnumSet.of(PAUSED, EXITED, REMOVING),
            PAUSED, EnumSet.of(RUNNING, EXITED, REMOVING),
            EXITED, EnumSet.of(STARTING, REMOVING),
            REMOVING, EnumSet.noneOf(ContainerState.class));

    @Test
    void everyMoveIsLegalExactlyWhenTheTableSaysSo() {
        for (ContainerState from : ContainerState.values()) {
            for (ContainerState to : ContainerState.values()) {
                boolean legal = LEGAL.get(from).contains(to);
                assertThat(from.canGo(to)).as("%s -> %s", from, to).isEqualTo(legal);
                if (legal) {
                    assertThat(from.to(to, ID)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.to(to, ID)).as("%s -> %s", from, to)
                            .isInstanceOfAny(ConflictException.class, NotModifiedException.class);
                }
            }
        }
    }

    @Test
    void startingWhatIsStartedIsDockers304() {
        assertThatThrownBy(() -> RUNNING.to(STARTING, ID)).isInstanceOf(NotModifiedException.class)
                .hasMessage("container already started");
        assertThatThrownBy(() -> STARTING.to(STARTING, ID)).isInstanceOf(NotModifiedException.class);
    }

    @Test
    void aContainerBeingRemovedCannotBeStartedNorRemovedTwice() {
        assertThatThrownBy(() -> REMOVING.to(STARTING, ID)).isInstanceOf(ConflictException.class)
                .hasMessage("container " + ID + " is marked for removal and cannot be started");
        assertThatThrownBy(() -> REMOVING.to(REMOVING, ID)).isInstanceOf(ConflictException.class)
                .hasMessage("removal of container " + ID + " is already in progress");
    }

    @Test
    void onlyStartingRunningAndPausedHaveAProcess() {
        assertThat(EnumSet.allOf(ContainerState.class).stream().filter(ContainerState::isActive))
                .containsExactlyInAnyOrder(STARTING, RUNNING, PAUSED);
        assertThat(EnumSet.allOf(ContainerState.class).stream().filter(ContainerState::isRunning))
                .containsExactlyInAnyOrder(RUNNING, PAUSED);
    }

    @Test
    void startingAPausedContainerIsDockers409() {
        assertThatThrownBy(() -> PAUSED.to(STARTING, ID)).isInstanceOf(ConflictException.class)
                .hasMessage("cannot start a paused container, try unpause instead");
    }
}
