package io.berth.worker.containers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What the worker remembers of a container beyond the runtime's state, in {@code meta.json}: whose it is, how many
 * times it was started ({@code run}), which run's exit Kafka has acknowledged, and that exit.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerMeta(String tenant, String name, long run, long reportedRun, long pid, Instant startedAt,
        Integer lastExitCode, Instant lastFinishedAt) {

    public static ContainerMeta created(String tenant, String name) {
        return new ContainerMeta(tenant, name, 0, 0, 0, null, null, null);
    }

    public ContainerMeta started(long newRun, long newPid, Instant at) {
        return new ContainerMeta(tenant, name, newRun, reportedRun, newPid, at, lastExitCode, lastFinishedAt);
    }

    public ContainerMeta reported(long exitRun, int exitCode, Instant finishedAt) {
        return new ContainerMeta(tenant, name, run, exitRun, pid, startedAt, exitCode, finishedAt);
    }

    /** True once the exit of the current run reached Kafka. */
    public boolean currentExitReported() {
        return run > 0 && reportedRun >= run;
    }
}
