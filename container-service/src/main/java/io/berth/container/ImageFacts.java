package io.berth.container;

import io.berth.oci.Digest;
import java.util.List;
import java.util.Map;

/** What container-service needs to know of an image: its id, where the worker fetches it, and its defaults. */
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
        String stopSignal) {

    public ImageFacts {
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
