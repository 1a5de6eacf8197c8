package io.berth.worker.runtime;

import io.berth.oci.spec.Root;
import io.berth.oci.spec.Spec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Completes container-service's OCI runtime spec with what only the node knows: the root filesystem's path, the cgroup
 * path and rlimits within the node's hard limits. Everything else is container-service's and passes through.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#root">OCI config, root</a>
 */
public final class BundleSpec {
    /** Parent cgroup of every Berth container, removed again when it is empty. */
    public static final String CGROUP_PARENT = "berth";

    private BundleSpec() {
    }

    public static Spec complete(Spec spec, Path rootfs, String containerId, Map<String, Long> hardLimits) {
        // A cgroupfs path ("/berth/<id>"), not systemd's "slice:prefix:name" form (runtime-spec config-linux.md).
        // Where the root is, is the node's; whether it is read-only (--read-only) is container-service's.
        boolean readonly = spec.root() != null && spec.root().readonly();
        Spec placed = spec.withRoot(new Root(rootfs.toString(), readonly))
                .updateLinux(linux -> linux.withCgroupsPath("/" + CGROUP_PARENT + "/" + containerId));
        return Rlimits.clamp(placed, hardLimits);
    }
}
