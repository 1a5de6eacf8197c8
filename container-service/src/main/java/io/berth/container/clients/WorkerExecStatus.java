package io.berth.container.clients;

/**
 * The worker's facts of an exec session: running, its pid, its exit code once it ended, and the runtime's words when
 * it could not be started (its exit code is then 126).
 */
public record WorkerExecStatus(String id, String container, boolean running, long pid, Integer exitCode,
        String error) {
}
