package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The worker's answer to start: which run this is, the process id, when it started. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerStarted(long run, int pid, Instant startedAt) {
}
