package io.berth.container;

import io.berth.oci.Digest;
import java.util.List;
import java.util.Map;

/**
 * What container-service needs to know of an image: its id, where the worker fetches it, and its defaults; {@code volumes}
 * are its {@code VOLUME} paths, each an anonymous volume of a container that mounts nothing else there;
 * {@code exposedPorts} are its {@code EXPOSE}d ports ({@code 80/tcp}), which {@code -P} publishes.
 */
public record ImageFacts(
        String id,
        String repository,
        Digest manifestDigest,
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String user,
        Map<String, String> labels,
        String stopSignal,
        List<String> volumes,
        List<String> exposedPorts,
        ProcessUser processUser) {

    public ImageFacts {
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        processUser = processUser == null ? ProcessUser.ROOT : processUser;
    }

    /** An image without {@code VOLUME}s that exposes no port. */
    public ImageFacts(String id, String repository, Digest manifestDigest, List<String> env, List<String> cmd,
            List<String> entrypoint, String workingDir, String user, Map<String, String> labels, String stopSignal) {
        this(id, repository, manifestDigest, env, cmd, entrypoint, workingDir, user, labels, stopSignal, null, null, null);
    }
}
