package io.berth.container;

import java.util.List;

/**
 * What an exec session runs and how it meets its client, as its create asked (Docker's {@code ExecConfig}): the
 * command, environment added to the container's, working directory and user (the container's when empty), a
 * terminal and its first size, which streams the client attaches, and the detach keys (empty for the default).
 */
public record ExecSettings(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
        boolean attachStdin, boolean attachStdout, boolean attachStderr, String detachKeys, int consoleHeight,
        int consoleWidth) {
    public ExecSettings {
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        detachKeys = detachKeys == null ? "" : detachKeys;
    }

    /** dockerd's {@code ProcessConfig.entrypoint}: the command's first word. */
    public String entrypoint() {
        return cmd.isEmpty() ? "" : cmd.get(0);
    }

    /** dockerd's {@code ProcessConfig.arguments}: the words after the first. */
    public List<String> arguments() {
        return cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size());
    }

    /** The command as dockerd names it in events: entrypoint, a space, the arguments joined by spaces. */
    public String commandLine() {
        return entrypoint() + " " + String.join(" ", arguments());
    }
}
