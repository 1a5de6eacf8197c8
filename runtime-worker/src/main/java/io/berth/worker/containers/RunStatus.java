package io.berth.worker.containers;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * A container's last run as facts read on the node (meta, pid files, conmon's exit and oom files): which run it is
 * (the number container-service gave at start; 0 before the first), its init pid while it runs, and how it ended.
 * {@code exitCode} and {@code finishedAt} are null until the run exited ({@code finishedAt} also for a run lost
 * with its conmon); {@code oomKilled} is true when conmon saw the kernel's OOM killer act in the run's cgroup.
 */
public record RunStatus(long run, long pid, State state, Integer exitCode, boolean oomKilled, Instant startedAt,
        Instant finishedAt) {

    /** The three facts a run can be in; what they mean for the container's lifecycle is container-service's. */
    public enum State {
        /** Never started. */
        CREATED,
        /** Being started, or its init process (or conmon, about to write its exit) lives. */
        RUNNING,
        /** Over: conmon wrote its exit, or it was lost with its conmon. */
        EXITED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static RunStatus created() {
        return new RunStatus(0, 0, State.CREATED, null, false, null, null);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
