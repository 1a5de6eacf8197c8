package io.berth.worker.execs;

import io.berth.oci.spec.User;
import java.util.List;

/**
 * An exec session to start in a container's live run (docs/internal-api.md, "Exec sessions"): its command, the
 * environment it adds to the container's (a later {@code NAME=} wins), its working directory and user (the
 * container's when null), whether it has a terminal (with its first size, 0 for none) and an open stdin.
 */
public record ExecRequest(List<String> args, List<String> env, String workingDir, User user, boolean terminal,
        boolean openStdin, int height, int width) {
    public ExecRequest {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("a terminal size is not negative");
        }
    }
}
