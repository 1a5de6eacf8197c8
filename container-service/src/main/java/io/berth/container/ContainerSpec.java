package io.berth.container;

import java.util.List;
import java.util.Map;

/**
 * What a client asked a container to be (Docker's {@code Config} and {@code HostConfig}, in Berth's own terms).
 * Null lists mean "not given", which matters: a null {@code cmd} takes the image's, an empty one does not.
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
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        String stopSignal,
        boolean autoRemove,
        String networkMode) {

    public ContainerSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        env = env == null ? List.of() : List.copyOf(env);
    }
}
