package io.berth.container.service;

/**
 * The exit code Docker records for a start that failed: 127 when the command does not exist, 126 when it cannot be
 * executed, 128 for anything else (moby daemon/start.go, {@code translateContainerdStartErr}).
 */
final class StartFailures {
    private StartFailures() {
    }

    static int exitCode(String reason) {
        if (reason.contains("executable file not found") || reason.contains("no such file or directory")) {
            return 127;
        }
        if (reason.contains("permission denied")) {
            return 126;
        }
        return 128;
    }
}
