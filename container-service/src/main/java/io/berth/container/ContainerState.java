package io.berth.container;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.NotModifiedException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a container as container-service records it, and the only place that decides which moves are legal
 * (runc's explicit state machine; docs/container-states.md draws it). A move is asked for with {@link #to}, which
 * answers the new state or refuses with Docker's words.
 *
 * <p>{@code STARTING} is committed before the worker is asked to start a run, so a second start, a stop or a remove
 * that comes meanwhile sees it and gets Docker's answer instead of racing the first. {@code REMOVING} is committed
 * before the worker deletes anything, so a removal a crash interrupted is finished by the reconciler.
 */
public enum ContainerState {
    CREATED,
    STARTING,
    RUNNING,
    /** Its processes frozen in the cgroup freezer ({@code docker pause}); Docker still counts it as running. */
    PAUSED,
    EXITED,
    REMOVING;

    /** Where each state may go; a removed container has no row, so REMOVING goes nowhere. */
    private static final java.util.Map<ContainerState, Set<ContainerState>> MOVES = new java.util.EnumMap<>(java.util.Map.of(
            CREATED, EnumSet.of(STARTING, REMOVING),
            STARTING, EnumSet.of(RUNNING, CREATED, EXITED, REMOVING),
            RUNNING, EnumSet.of(PAUSED, EXITED, REMOVING),
            // A paused run ends only when killed (kill thaws it, as dockerd does) or by the OOM killer.
            PAUSED, EnumSet.of(RUNNING, EXITED, REMOVING),
            EXITED, EnumSet.of(STARTING, REMOVING),
            REMOVING, EnumSet.noneOf(ContainerState.class)));

    /** Whether a move from this state to {@code next} is legal. */
    public boolean canGo(ContainerState next) {
        return MOVES.get(this).contains(next);
    }

    /**
     * The state after a move to {@code next}, or Docker's answer when the move is not legal: 304 for starting what
     * is already started, 409 with Docker's words otherwise.
     */
    public ContainerState to(ContainerState next, String containerId) {
        if (canGo(next)) {
            return next;
        }
        if (next == STARTING && (this == RUNNING || this == STARTING)) {
            throw new NotModifiedException("container already started");
        }
        if (next == STARTING && this == PAUSED) {
            // dockerd's words (moby daemon/start.go).
            throw new ConflictException("cannot start a paused container, try unpause instead");
        }
        if (this == REMOVING) {
            throw new ConflictException(next == REMOVING
                    ? "removal of container " + containerId + " is already in progress"
                    : "container " + containerId + " is marked for removal and cannot be " + verb(next));
        }
        throw new ConflictException("container " + containerId + " is " + name().toLowerCase(java.util.Locale.ROOT)
                + " and cannot be " + verb(next));
    }

    /** A process runs (or is frozen), or is being started: signals reach it, and removing it needs {@code force}. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }

    /** Docker's {@code State.Running}: a process lives, frozen or not. */
    public boolean isRunning() {
        return this == RUNNING || this == PAUSED;
    }

    private static String verb(ContainerState next) {
        return switch (next) {
            case CREATED -> "reset to created";
            case STARTING -> "started";
            case RUNNING -> "marked running";
            case PAUSED -> "paused";
            case EXITED -> "marked exited";
            case REMOVING -> "removed";
        };
    }
}
