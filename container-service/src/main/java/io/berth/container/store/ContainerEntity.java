package io.berth.container.store;

import io.berth.container.ContainerState;
import io.berth.kit.errors.ConflictException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One container row. Config and HostConfig are kept as the JSON Berth accepted, so inspect returns them as sent.
 * What the container is (its identity and settings) is written once at creation; where it is in its life changes
 * only through the {@code mark…} writers, each a move of {@link ContainerState}.
 */
@Entity
@Table(name = "container")
public class ContainerEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    /** The image as the client named it. */
    @Column(nullable = false)
    public String image;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Column(name = "host_config_json", nullable = false)
    public String hostConfigJson;

    /** Entrypoint and Cmd as resolved against the image: what the process runs. */
    @Column(name = "command_json", nullable = false)
    public String commandJson;

    @Column(name = "auto_remove", nullable = false)
    public boolean autoRemove;

    /** The network settings the create asked for, their networks resolved (service/NetworkAttachments). */
    @Column(name = "networking_json", nullable = false)
    public String networkingJson = "{}";

    /** What network-service gave the current run: endpoints and host ports (empty before a run on networks). */
    @Column(name = "lease_json", nullable = false)
    public String leaseJson = "{}";

    @Column(nullable = false)
    public String node;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContainerState state = ContainerState.CREATED;

    @Column(name = "exit_code", nullable = false)
    private int exitCode;

    @Column(nullable = false)
    private int pid;

    /** How many times it was started; container-service numbers the runs, the worker's exit facts name them. */
    @Column(nullable = false)
    private long run;

    /** Why the last start failed, as Docker keeps it in {@code State.Error}. */
    @Column(nullable = false)
    private String error = "";

    /** The last run whose exit is recorded: an exit fact of that run or an earlier one changes nothing. */
    @Column(name = "exited_run", nullable = false)
    private long exitedRun;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** When the state last changed: the reconciler leaves a move in flight alone for a while. */
    @Column(name = "state_changed_at", nullable = false)
    private Instant stateChangedAt = Instant.now();

    public ContainerState state() {
        return state;
    }

    public int exitCode() {
        return exitCode;
    }

    public int pid() {
        return pid;
    }

    public long run() {
        return run;
    }

    public String error() {
        return error;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant stateChangedAt() {
        return stateChangedAt;
    }

    /** The run a start now asks the worker for. */
    public long nextRun() {
        return run + 1;
    }

    /** A start is asked for: committed before the worker is called. */
    public void markStarting() {
        move(ContainerState.STARTING);
    }

    /**
     * The worker started run {@code newRun}. False, changing nothing, when that run is already recorded: its exit
     * overtook this answer and told the start itself ({@link #markExited}).
     */
    public boolean markRunning(long newRun, int newPid, Instant at) {
        if (newRun <= run) {
            return false;
        }
        run = newRun;
        pid = newPid;
        startedAt = at;
        exitCode = 0;
        error = "";
        // A forced removal that came meanwhile stays: the run it started is killed by the removal.
        moveByFact(ContainerState.RUNNING);
        return true;
    }

    /**
     * The worker could not start it: back where it was (created if it never ran, as Docker keeps a container whose
     * command cannot be found), with the reason in {@code State.Error} and Docker's exit code for it.
     */
    public void markStartFailed(String reason, int code) {
        if (state != ContainerState.STARTING) {
            return;
        }
        error = reason;
        exitCode = code;
        move(startedAt == null ? ContainerState.CREATED : ContainerState.EXITED);
    }

    /**
     * Run {@code endedRun} ended with {@code code}, a fact from the node. A container being removed stays so; it
     * only learns how its run ended.
     */
    public ExitOutcome markExited(long endedRun, int code, Instant at) {
        if (endedRun <= exitedRun) {
            return ExitOutcome.STALE;
        }
        exitedRun = endedRun;
        boolean startUntold = endedRun > run;
        if (startUntold) {
            run = endedRun;
            startedAt = at;
        }
        exitCode = code;
        pid = 0;
        // The worker stamps a start once `runc start` returned; a quick process may have ended before that.
        finishedAt = startedAt != null && at.isBefore(startedAt) ? startedAt : at;
        moveByFact(ContainerState.EXITED);
        return startUntold ? ExitOutcome.APPLIED_WITH_START : ExitOutcome.APPLIED;
    }

    /** What an exit fact did to the row. */
    public enum ExitOutcome {
        /** An exit of an earlier run, or one already applied: nothing changed. */
        STALE,
        /** The run's end is recorded. */
        APPLIED,
        /** The run's start was not recorded yet (the exit overtook it): announce the start before the die. */
        APPLIED_WITH_START
    }

    /**
     * Removal begins. A container with a process needs {@code force} (Docker's 409 otherwise); the process is then
     * killed by the removal. True when it had one.
     */
    public boolean markRemoving(boolean force) {
        boolean active = state.isActive();
        if (state == ContainerState.PAUSED && !force) {
            // dockerd's words (moby daemon/delete.go).
            throw new ConflictException("You cannot remove a paused container " + id + ". Unpause and then stop the"
                    + " container before attempting removal or force remove");
        }
        if (active && !force) {
            throw new ConflictException("cannot remove container \"/" + name + "\": container is running: stop the"
                    + " container before removing or force remove");
        }
        move(ContainerState.REMOVING);
        return active;
    }

    /** Whether a run was recorded as started and its exit not yet: a signal can reach it. */
    public boolean hasLiveRun() {
        return run > exitedRun && (state.isRunning() || state == ContainerState.REMOVING);
    }

    /** Its processes were frozen ({@code docker pause}); only a running container gets here. */
    public void markPaused() {
        move(ContainerState.PAUSED);
    }

    /** Its processes were thawed ({@code docker unpause}, or a kill that thaws them as dockerd's does). */
    public void markUnpaused() {
        move(ContainerState.RUNNING);
    }

    /**
     * A move the node reports as done: a run the control plane did not see start (its answer was lost) first passes
     * through {@code STARTING}; a container being removed stays so.
     */
    private void moveByFact(ContainerState next) {
        if (state == ContainerState.REMOVING) {
            return;
        }
        if (state == ContainerState.CREATED || state == ContainerState.EXITED) {
            move(ContainerState.STARTING);
        }
        move(next);
    }

    private void move(ContainerState next) {
        state = state.to(next, id);
        stateChangedAt = Instant.now();
    }
}
