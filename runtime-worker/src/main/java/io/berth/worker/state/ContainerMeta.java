package io.berth.worker.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the worker remembers of a container beyond the runtime's state, in {@code meta.json}: whose it is, the number
 * of its last run (given by container-service at start; 0 before the first), which run's exit Kafka has
 * acknowledged, and that exit; and the image layers under its rootfs, so that a start after {@code ./berth down} or
 * a reboot can mount it again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerMeta(String tenant, String name, long run, long reportedRun, long pid, Instant startedAt,
        Integer lastExitCode, Instant lastFinishedAt, List<String> lowers) {

    public static ContainerMeta created(String tenant, String name, List<Path> lowers) {
        return new ContainerMeta(tenant, name, 0, 0, 0, null, null, null, lowers.stream().map(Path::toString).toList());
    }

    public ContainerMeta started(long newRun, long newPid, Instant at) {
        return new ContainerMeta(tenant, name, newRun, reportedRun, newPid, at, lastExitCode, lastFinishedAt, lowers);
    }

    public ContainerMeta reported(long exitRun, int exitCode, Instant finishedAt) {
        return new ContainerMeta(tenant, name, run, exitRun, pid, startedAt, exitCode, finishedAt, lowers);
    }

    /** The rootfs's lower layers, top first, as they were mounted at create. */
    public List<Path> lowerPaths() {
        return lowers == null ? List.of() : lowers.stream().map(Path::of).toList();
    }

    /** True once the exit of the current run reached Kafka. */
    public boolean currentExitReported() {
        return run > 0 && reportedRun >= run;
    }
}
