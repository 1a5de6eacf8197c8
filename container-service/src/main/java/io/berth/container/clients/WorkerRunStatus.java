package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A container's last run as facts the worker read on its node (docs/internal-api.md, "runtime-worker"): its number
 * (0 before the first start), init pid while it runs, {@code state} {@code created|running|exited}, and how it
 * ended ({@code exitCode}, {@code finishedAt} null until then; {@code oomKilled} when the kernel's OOM killer acted).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerRunStatus(long run, long pid, String state, Integer exitCode, boolean oomKilled, Instant startedAt,
        Instant finishedAt) {
    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String EXITED = "exited";
}
