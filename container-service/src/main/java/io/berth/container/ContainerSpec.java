package io.berth.container;

import io.berth.container.mounts.MountRequest;
import java.util.List;
import java.util.Map;

/**
 * What a client asked a container to be (Docker's {@code Config} and {@code HostConfig}, in Berth's own terms): the
 * fields Berth honours, since a create that sets any other is refused. Null lists mean "not given", which matters: a
 * null {@code cmd} takes the image's, an empty one does not. {@code user} is Docker's {@code uid[:gid]}
 * ({@link ProcessUser}). {@code mounts} is what it asked of its filesystems ({@link MountRequest}), {@code stdio}
 * its terminal and stdin ({@link ContainerStdio}). {@code stopSignal} is the signal {@code docker stop} sends (the
 * create's, else the image's STOPSIGNAL, else null: SIGTERM), {@code stopTimeout} the seconds it waits before SIGKILL
 * (null: Docker's 10; negative: for ever).
 */
public record ContainerSpec(
        String image,
        List<String> cmd,
        List<String> entrypoint,
        List<String> env,
        String workingDir,
        String user,
        String hostname,
        Map<String, String> labels,
        boolean attachStdout,
        boolean attachStderr,
        boolean autoRemove,
        String networkMode,
        MountRequest mounts,
        ContainerStdio stdio,
        String stopSignal,
        Integer stopTimeout) {

    public ContainerSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        env = env == null ? List.of() : List.copyOf(env);
        mounts = mounts == null ? MountRequest.none() : mounts;
        // Rows written before interactive containers had none: they had no terminal and no stdin.
        stdio = stdio == null ? ContainerStdio.none() : stdio;
        stopSignal = stopSignal == null || stopSignal.isEmpty() ? null : stopSignal;
    }

    /** A container with Docker's stop signal and timeout. */
    public ContainerSpec(String image, List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
            String user, String hostname, Map<String, String> labels, boolean attachStdout, boolean attachStderr,
            boolean autoRemove, String networkMode, MountRequest mounts, ContainerStdio stdio) {
        this(image, cmd, entrypoint, env, workingDir, user, hostname, labels, attachStdout, attachStderr, autoRemove,
                networkMode, mounts, stdio, null, null);
    }

    /** The same spec stopped by {@code signal} when the create named none (Docker merges the image's STOPSIGNAL in). */
    public ContainerSpec withDefaultStopSignal(String signal) {
        return stopSignal != null || signal == null || signal.isEmpty() ? this
                : new ContainerSpec(image, cmd, entrypoint, env, workingDir, user, hostname, labels, attachStdout,
                        attachStderr, autoRemove, networkMode, mounts, stdio, signal, stopTimeout);
    }

    /** A container without a terminal or stdin. */
    public ContainerSpec(String image, List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
            String user, String hostname, Map<String, String> labels, boolean attachStdout, boolean attachStderr,
            boolean autoRemove, String networkMode, MountRequest mounts) {
        this(image, cmd, entrypoint, env, workingDir, user, hostname, labels, attachStdout, attachStderr, autoRemove,
                networkMode, mounts, ContainerStdio.none());
    }

    /** A container that asks for no mounts of its own. */
    public ContainerSpec(String image, List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
            String user, String hostname, Map<String, String> labels, boolean attachStdout, boolean attachStderr,
            boolean autoRemove, String networkMode) {
        this(image, cmd, entrypoint, env, workingDir, user, hostname, labels, attachStdout, attachStderr, autoRemove,
                networkMode, MountRequest.none());
    }
}
