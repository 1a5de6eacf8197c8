package io.berth.worker.execs;

/**
 * The facts of an exec session: whether its process still runs, its pid (0 when it never started), its exit code
 * (null while it runs), and the runtime's words when it could not be started ({@code error}; the exit code is then
 * 126, as Docker Engine gives every failed OCI exec).
 */
public record ExecStatus(String id, String container, boolean running, long pid, Integer exitCode, String error) {
}
