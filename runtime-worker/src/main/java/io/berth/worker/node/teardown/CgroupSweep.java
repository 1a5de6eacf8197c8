package io.berth.worker.node.teardown;

import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.CgroupLayout;
import io.berth.worker.runtime.OciRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Berth's cgroups ({@code <hierarchy>/berth/<id>}, {@link BundleSpec#CGROUP_PARENT}) once the runtime is done with
 * them: what still runs in a cgroup of this state root's containers is killed, then every empty cgroup under the
 * parent and the parent itself are removed in every hierarchy. The parent is shared by every state root on the host;
 * rmdir(2) refuses a cgroup that has processes, so another state root's running containers are never touched.
 */
final class CgroupSweep {
    /** A killed process leaves its cgroup a moment later. */
    private static final int RMDIR_TRIES = 10;
    private static final long RMDIR_PAUSE_MILLIS = 200;

    private final CgroupLayout cgroups;
    private final OciRuntime runtime;
    private final Consumer<String> say;

    CgroupSweep(CgroupLayout cgroups, OciRuntime runtime, Consumer<String> say) {
        this.cgroups = cgroups;
        this.runtime = runtime;
        this.say = say;
    }

    /** Removes the cgroups of these containers and every empty one beside them; false when one of theirs stays. */
    boolean remove(Set<String> ids) {
        boolean clean = true;
        for (Path mountPoint : cgroups.mountPoints()) {
            Path parent = mountPoint.resolve(BundleSpec.CGROUP_PARENT);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            for (String id : ids) {
                killInside(parent.resolve(id));
            }
            for (Path cgroup : deepestFirst(parent)) {
                if (cgroup.equals(parent)) {
                    continue; // last, in every hierarchy at once: the worker's own removal of the parent
                }
                boolean ours = ids.contains(parent.relativize(cgroup).getName(0).toString());
                if (rmdir(cgroup, ours ? RMDIR_TRIES : 1)) {
                    say.accept("removed cgroup " + cgroup);
                } else if (ours) {
                    say.accept("cgroup " + cgroup + " is still in use");
                    clean = false;
                }
            }
        }
        runtime.removeEmptyCgroupParent().forEach(parent -> say.accept("removed cgroup " + parent));
        return clean;
    }

    private void killInside(Path cgroup) {
        for (Path dir : deepestFirst(cgroup)) {
            for (String pid : readProcs(dir)) {
                if (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    say.accept("killed process " + pid + " left in cgroup " + dir);
                }
            }
        }
    }

    /** The cgroup directories at and below {@code top}, leaves first; none when it does not exist. */
    private static List<Path> deepestFirst(Path top) {
        if (!Files.isDirectory(top)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(top)) {
            List<Path> dirs = new ArrayList<>(tree.filter(Files::isDirectory).toList());
            dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            return dirs;
        } catch (IOException | UncheckedIOException vanished) {
            return List.of();
        }
    }

    private static List<String> readProcs(Path cgroup) {
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException gone) {
            return List.of();
        }
    }

    private static boolean rmdir(Path cgroup, int tries) {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.delete(cgroup);
                return true;
            } catch (IOException busyOrGone) {
                if (!Files.isDirectory(cgroup)) {
                    return true;
                }
                if (attempt >= tries) {
                    return false;
                }
            }
            try {
                Thread.sleep(RMDIR_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
