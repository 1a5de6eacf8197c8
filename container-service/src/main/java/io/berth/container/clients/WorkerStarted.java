package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What a start needs of the worker's answer, the new run's status ({@link WorkerRunStatus}): its number, the
 * process id, when it started.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerStarted(long run, int pid, Instant startedAt) {
}
