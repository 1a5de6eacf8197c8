package io.berth.worker.runtime;

import io.berth.worker.node.MountTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How this host mounts cgroups, read from its mount table: pure v2 (one {@code cgroup2} mount), hybrid (v1
 * controllers plus a {@code cgroup2} mount beside them) or legacy v1 only; and every cgroup mount point, for cleaning
 * up the parent cgroup the worker uses.
 *
 * @see <a href="https://docs.kernel.org/admin-guide/cgroup-v2.html">cgroup v2</a>
 */
public record CgroupLayout(Kind kind, List<Path> mountPoints) {
    private static final String V1 = "cgroup";
    private static final String V2 = "cgroup2";

    /** The three ways a Linux host mounts cgroups. */
    public enum Kind {
        UNIFIED, HYBRID, LEGACY
    }

    /** This host's layout, read now. */
    public static CgroupLayout host() {
        return from(MountTable.current());
    }

    /** The layout a mount table shows. */
    public static CgroupLayout from(MountTable table) {
        List<MountTable.Mount> cgroups = table.ofType(Set.of(V1, V2));
        boolean v1 = cgroups.stream().anyMatch(mount -> mount.fsType().equals(V1));
        boolean v2 = cgroups.stream().anyMatch(mount -> mount.fsType().equals(V2));
        Kind kind = v1 ? (v2 ? Kind.HYBRID : Kind.LEGACY) : Kind.UNIFIED;
        return new CgroupLayout(kind, cgroups.stream().map(MountTable.Mount::mountPoint).toList());
    }
}
