package io.berth.worker.runtime;

import io.berth.kit.errors.InternalException;
import io.berth.worker.Exec;
import io.berth.worker.node.MountTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A container's root filesystem: the image's layers as overlayfs lower dirs, its own upper and work dirs, through
 * {@code mount -t overlay}.
 *
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html">overlayfs</a>
 */
public final class Overlay {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Overlay() {
    }

    /** Mounts {@code lowers} (top layer first) under {@code upper} at {@code merged}. */
    public static void mount(List<Path> lowers, Path upper, Path work, Path merged) {
        String options = "lowerdir=" + lowers.stream().map(Path::toString).collect(Collectors.joining(":"))
                + ",upperdir=" + upper + ",workdir=" + work;
        Exec.Result result = Exec.run(List.of("mount", "-t", "overlay", "overlay", "-o", options, merged.toString()),
                TIMEOUT);
        if (!result.ok()) {
            throw new InternalException("cannot mount the container's root filesystem: " + result.output());
        }
    }

    /** Unmounts {@code merged} if it is a mount point; lazily when something still holds it. */
    public static void unmount(Path merged) {
        if (!isMounted(merged)) {
            return;
        }
        Exec.Result result = Exec.run(List.of("umount", merged.toString()), TIMEOUT);
        if (!result.ok() && isMounted(merged)) {
            Exec.Result lazy = Exec.run(List.of("umount", "-l", merged.toString()), TIMEOUT);
            if (!lazy.ok() && isMounted(merged)) {
                throw new InternalException("cannot unmount " + merged + ": " + result.output());
            }
        }
    }

    public static boolean isMounted(Path path) {
        return MountTable.current().isMountPoint(path);
    }
}
