package io.berth.worker.containers;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Spec;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a container's paths lie on the node: its rootfs, except under a bind mount (a volume, a bind, the
 * network's {@code /etc/hosts}), whose source is used, as the container sees its files whether it runs or not. Paths
 * under the runtime's other mounts ({@code /proc}, {@code /dev}, a tmpfs) exist only inside a running container and
 * are refused, not read from or written to the rootfs beneath them.
 */
final class ContainerView {
    private final Path rootfs;
    private final boolean readonlyRoot;
    /** Longest destination first, so the innermost mount answers. */
    private final List<Mount> mounts;

    private ContainerView(Path rootfs, boolean readonlyRoot, List<Mount> mounts) {
        this.rootfs = rootfs;
        this.readonlyRoot = readonlyRoot;
        this.mounts = mounts;
    }

    static ContainerView of(Spec spec, Path rootfs) {
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts().stream()
                .sorted(Comparator.comparingInt((Mount m) -> m.destination().length()).reversed()).toList();
        return new ContainerView(rootfs, spec.root() != null && spec.root().readonly(), mounts);
    }

    /** {@code containerPath} with every link followed in the container's scope, as a container path. */
    String resolve(String containerPath) {
        return ScopedPath.resolve(this::hostOf, containerPath);
    }

    /**
     * Where an absolute, clean container path lies on the node; the mount point of one of the runtime's mounts is the
     * rootfs's directory, and what is under it is refused.
     */
    Path hostOf(String containerPath) {
        Optional<Mount> mount = mountOf(containerPath);
        if (mount.isEmpty() || (!isBind(mount.get()) && mount.get().destination().equals(containerPath))) {
            return rootfs.resolve(containerPath.substring(1));
        }
        if (!isBind(mount.get())) {
            throw runtimeMountRefusal(mount.get());
        }
        String rest = containerPath.substring(mount.get().destination().length());
        return Path.of(mount.get().source() + rest);
    }

    /** Whether the path is the mount point of a mount that is not a bind: a directory to show, never to enter. */
    boolean isRuntimeMountPoint(String containerPath) {
        return mounts.stream().anyMatch(m -> !isBind(m) && m.destination().equals(containerPath));
    }

    /** Refuses to copy from or into one of the runtime's mounts, whose files only the running container sees. */
    void checkNotRuntimeMount(String containerPath) {
        mounts.stream().filter(m -> !isBind(m) && m.destination().equals(containerPath)).findFirst().ifPresent(m -> {
            throw runtimeMountRefusal(m);
        });
    }

    private static InvalidParameterException runtimeMountRefusal(Mount mount) {
        return new InvalidParameterException("Berth cannot copy files under " + mount.destination() + " (a "
                + mount.type() + " mount that exists only inside the running container) yet");
    }

    /** Refuses a write at a path of a read-only rootfs or read-only bind, in dockerd's words. */
    void checkWritable(String containerPath) {
        Optional<Mount> mount = mountOf(containerPath);
        if (mount.isPresent() && isBind(mount.get())) {
            if (mount.get().options().contains("ro")) {
                throw new InvalidParameterException("mounted volume is marked read-only");
            }
        } else if (readonlyRoot) {
            throw new InvalidParameterException("container rootfs is marked read-only");
        }
    }

    private Optional<Mount> mountOf(String containerPath) {
        return mounts.stream().filter(m -> containerPath.equals(m.destination())
                || containerPath.startsWith(m.destination().endsWith("/") ? m.destination() : m.destination() + "/"))
                .findFirst();
    }

    private static boolean isBind(Mount mount) {
        return "bind".equals(mount.type()) || mount.options().contains("bind") || mount.options().contains("rbind");
    }
}
