package io.berth.worker.runtime;

import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Namespace;
import io.berth.oci.spec.Root;
import io.berth.oci.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Completes container-service's OCI runtime spec with what only the node knows: the root filesystem, the cgroup
 * path, rlimits within the node's hard limits, the path of the network namespace a container joins, and the
 * {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname} the worker keeps for it. Everything else is
 * container-service's and passes through.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#root">OCI config, root</a>
 */
public final class BundleSpec {
    /** Parent cgroup of every Berth container, removed again when it is empty. */
    public static final String CGROUP_PARENT = "berth";
    /** How dockerd mounts the files it manages under /etc (moby daemon/container_operations_unix.go). */
    private static final List<String> ETC_FILE_OPTIONS = List.of("rbind", "rprivate");

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

    /** The container joins the network namespace bound at {@code netns} instead of getting a new one. */
    public static Spec joiningNetwork(Spec spec, Path netns) {
        if (spec.linux() == null) {
            return spec;
        }
        List<Namespace> namespaces = spec.linux().namespaces().stream()
                .map(ns -> ns.type().equals("network") ? new Namespace("network", netns.toString()) : ns).toList();
        return spec.updateLinux(linux -> linux.withNamespaces(namespaces));
    }

    /** The three files of {@code etcDir} mounted over the image's, unless the spec mounts something there itself. */
    public static Spec withEtcFiles(Spec spec, Path hosts, Path resolvConf, Path hostname) {
        List<Mount> mounts = new ArrayList<>(spec.mounts() == null ? List.of() : spec.mounts());
        for (Mount file : List.of(new Mount("/etc/resolv.conf", "bind", resolvConf.toString(), ETC_FILE_OPTIONS),
                new Mount("/etc/hostname", "bind", hostname.toString(), ETC_FILE_OPTIONS),
                new Mount("/etc/hosts", "bind", hosts.toString(), ETC_FILE_OPTIONS))) {
            if (mounts.stream().noneMatch(m -> m.destination().equals(file.destination()))) {
                mounts.add(file);
            }
        }
        return spec.withMounts(mounts);
    }
}
