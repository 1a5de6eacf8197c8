package io.berth.worker.api;

/**
 * Answer to {@code GET /containers/{id}}: {@code status} is created, running or exited; {@code exitCode} and
 * {@code finishedAt} are null until a run has exited, {@code startedAt} until the first start.
 */
public record StateResponse(String status, long pid, long run, Integer exitCode, String startedAt, String finishedAt) {
}
