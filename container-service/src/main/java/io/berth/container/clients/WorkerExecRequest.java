package io.berth.container.clients;

import java.util.List;

/**
 * An exec session for the worker to start (docs/internal-api.md, "Exec sessions"): command, environment added to the
 * container's, working directory and user ({@code null} for the container's), terminal and its first size, and
 * whether its stdin is open.
 */
public record WorkerExecRequest(List<String> args, List<String> env, String workingDir, User user, boolean terminal,
        boolean openStdin, int height, int width) {
    /** The OCI process user. */
    public record User(long uid, long gid) {
    }
}
