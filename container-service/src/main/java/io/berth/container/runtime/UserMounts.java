package io.berth.container.runtime;

import io.berth.container.mounts.MountPlan;
import io.berth.container.mounts.MountPoint;
import io.berth.oci.spec.Mount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's own mounts as OCI mounts, as moby's {@code WithMounts} writes them: volumes and binds as bind mounts
 * of their host path ({@code rbind}, or {@code bind} for {@code bind-nonrecursive}; {@code ro}, or {@code rro} for
 * {@code ReadOnlyForceRecursive}; the propagation, {@code rprivate} unless set), tmpfs with Docker's
 * {@code noexec,nosuid,nodev} before its own options (a later {@code exec} wins, the last {@code size} counts).
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/oci_linux.go">moby daemon/oci_linux.go WithMounts</a>
 */
public final class UserMounts {
    private UserMounts() {
    }

    /** The OCI mounts of a plan, in the plan's order. */
    public static List<Mount> of(MountPlan plan) {
        List<Mount> mounts = new ArrayList<>();
        plan.mountPoints().forEach(point -> mounts.add(of(point)));
        plan.tmpfs().forEach(point -> mounts.add(of(point)));
        return mounts;
    }

    static Mount of(MountPoint point) {
        if (MountPoint.TMPFS.equals(point.type())) {
            List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
            if (point.tmpfsData() != null && !point.tmpfsData().isEmpty()) {
                options.addAll(List.of(point.tmpfsData().split(",")));
            }
            return new Mount(point.destination(), "tmpfs", "tmpfs", mergeTmpfs(options));
        }
        List<String> options = new ArrayList<>();
        options.add(point.nonRecursive() ? "bind" : "rbind");
        if (!point.rw()) {
            options.add(point.forceRecursiveReadOnly() ? "rro" : "ro");
        }
        String propagation = point.propagation() == null || point.propagation().isEmpty() ? "rprivate" : point.propagation();
        options.add(propagation);
        return new Mount(point.destination(), "bind", point.source(), options);
    }

    /**
     * moby's {@code mount.MergeTmpfsOptions}: of flags that cancel each other ({@code exec}/{@code noexec}, ...) the
     * last given stays, and of {@code key=value} options the last value, each in the place it first took.
     */
    static List<String> mergeTmpfs(List<String> options) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? flagKey(option) : option.substring(0, equals);
            merged.put(key, option);
        }
        return List.copyOf(merged.values());
    }

    /** Flags that cancel each other share a key ({@code exec} and {@code noexec} are one setting). */
    private static String flagKey(String flag) {
        return switch (flag) {
            case "exec", "noexec" -> "exec";
            case "suid", "nosuid" -> "suid";
            case "dev", "nodev" -> "dev";
            case "ro", "rw" -> "rw";
            case "atime", "noatime" -> "atime";
            case "diratime", "nodiratime" -> "diratime";
            case "sync", "async" -> "sync";
            case "private", "rprivate", "shared", "rshared", "slave", "rslave" -> "propagation";
            default -> flag;
        };
    }
}
