package io.berth.worker.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Completes container-service's OCI runtime spec with what only the node knows: the root filesystem, the cgroup
 * path and rlimits within the node's hard limits. Everything else is container-service's and passes through.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#root">OCI config, root</a>
 */
public final class BundleSpec {
    /** Parent cgroup of every Berth container, removed again when it is empty. */
    public static final String CGROUP_PARENT = "berth";

    private BundleSpec() {
    }

    public static ObjectNode complete(ObjectNode spec, Path rootfs, String containerId, Map<String, Long> hardLimits) {
        ObjectNode completed = spec.deepCopy();
        ObjectNode root = completed.putObject("root");
        root.put("path", rootfs.toString());
        root.put("readonly", false);
        ObjectNode linux = completed.has("linux") && completed.get("linux").isObject()
                ? (ObjectNode) completed.get("linux")
                : completed.putObject("linux");
        // A cgroupfs path ("/berth/<id>"), not systemd's "slice:prefix:name" form (runtime-spec config-linux.md).
        linux.put("cgroupsPath", "/" + CGROUP_PARENT + "/" + containerId);
        Rlimits.clamp(completed, hardLimits);
        return completed;
    }
}
