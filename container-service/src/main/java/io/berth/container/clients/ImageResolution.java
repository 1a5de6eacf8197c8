package io.berth.container.clients;

import java.util.List;
import java.util.Map;

/**
 * image-service's answer to the internal resolve call (docs/internal-api.md): the image's id, where a node fetches it,
 * and its run defaults. Parts of the answer container-service does not use yet are not read.
 */
public record ImageResolution(String id, String repository, String manifestDigest, RunDefaults config,
        io.berth.container.ProcessUser processUser) {

    /** The image's run defaults; {@code cmd} and {@code entrypoint} are null when the image has none. */
    public record RunDefaults(String user, List<String> env, List<String> cmd, List<String> entrypoint,
            String workingDir, Map<String, String> labels, String stopSignal, List<String> volumes,
            List<String> exposedPorts) {
    }
}
