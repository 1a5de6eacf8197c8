package io.berth.image.api;

import java.util.List;
import java.util.Map;

/**
 * Answer of the internal {@code GET /internal/images/resolve}: what container-service needs to create a container of
 * an image (docs/internal-api.md). A node fetches the manifest {@code manifestDigest} from {@code repository} of
 * Berth's registry ({@code /v2/<repository>/manifests/<manifestDigest>}).
 */
public record ImageResolution(String id, String repository, String manifestDigest, RunDefaults config,
        ProcessUser processUser) {

    /** The numeric user a container of the image runs as, its {@code User} (or the call's {@code user}) resolved. */
    public record ProcessUser(int uid, int gid) {
    }

    /**
     * The image's run defaults (its OCI config's {@code config} object), which a container's Config overrides. Strings
     * are empty when unset; {@code cmd} and {@code entrypoint} are null when the image has none, since an empty list
     * given by the image is not the same; {@code exposedPorts} ({@code 80/tcp}) and {@code volumes} (paths) are the
     * keys of the OCI config's maps.
     */
    public record RunDefaults(String user, List<String> env, List<String> cmd, List<String> entrypoint,
            String workingDir, Map<String, String> labels, String stopSignal, List<String> exposedPorts,
            List<String> volumes) {
    }
}
