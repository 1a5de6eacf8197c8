package io.berth.worker.node.teardown;

import io.berth.worker.Exec;
import io.berth.worker.NodePaths;
import io.berth.worker.node.MountTable;
import io.berth.worker.runtime.CgroupLayout;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.runtime.Overlay;
import io.berth.worker.runtime.RuntimeChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes a node down once its worker has stopped, crashed or never ran: what {@code ./berth down} runs. It kills and
 * deletes every container of the state root from the OCI runtime, kills what is left of them (conmon, an init the
 * runtime forgot), takes down its containers' networks (netavark's teardown of what each was set up with, the
 * namespaces under the root, its aardvark-dns), unmounts everything below the state root and removes Berth's cgroups; it keeps the data (container directories, logs, exit files, layers), so the next worker reports the runs
 * that ended and can start the containers again. Idempotent: a second run finds nothing and says nothing.
 *
 * <p>Plain Java, no CDI: the launcher runs it with the worker's built jars on the class path, and every path, name
 * and prefix comes from the worker's own classes ({@link NodePaths}, {@link RuntimeChoice}, {@link OciRuntime},
 * {@link CgroupLayout}, {@link io.berth.worker.network.Namespaces}).
 */
public final class NodeTeardown {
    static final int CLEAN = 0;
    static final int LEFT_SOMETHING = 1;
    static final int USAGE = 2;
    /** Mounts stacked on one point come off one at a time, one per pass. */
    private static final int UNMOUNT_PASSES = 5;

    private final NodePaths paths;
    private final List<OciRuntime> runtimes;
    private final CgroupLayout cgroups;
    private final Consumer<String> say;

    NodeTeardown(Path stateRoot, Consumer<String> say) {
        this.paths = new NodePaths(stateRoot);
        this.cgroups = CgroupLayout.host();
        this.runtimes = RuntimeChoice.RUNTIMES.stream().map(name -> OciRuntime.of(name, paths, cgroups)).toList();
        this.say = say;
    }

    /**
     * {@code NodeTeardown <state root>}: prints one line per thing it removed; exits 0 when nothing is left, 1 when
     * something could not be removed (each said why), 2 on a wrong call.
     */
    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: java -cp <runtime-worker's jars> " + NodeTeardown.class.getName()
                    + " <state root>");
            System.exit(USAGE);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            System.exit(CLEAN);
        }
        System.exit(new NodeTeardown(canonical(root), System.out::println).run() ? CLEAN : LEFT_SOMETHING);
    }

    /** Every step, in order; true when nothing of the node was left behind. */
    boolean run() {
        // Known before the runtime forgets them: their cgroups are looked for at the end.
        Set<String> ids = new LinkedHashSet<>(names(paths.containers()));
        ids.addAll(names(paths.runtimeState()));
        boolean clean = removeContainers();
        clean &= new LeftoverProcesses(paths.root(), say).kill();
        // Before the unmounts: netavark tears an endpoint down inside the namespace bound under the root.
        clean &= new NetworkSweep(paths, say).remove(names(paths.containers()));
        clean &= unmountAll();
        clean &= new CgroupSweep(cgroups, runtimes.getFirst(), say).remove(ids);
        return clean;
    }

    /** Kills and deletes every container in the runtime's state, with whichever runtime knows it. */
    private boolean removeContainers() {
        boolean clean = true;
        for (String id : names(paths.runtimeState())) {
            // runc and crun keep different state files: the one whose "state" reads it owns the container.
            Optional<OciRuntime> owner = runtimes.stream().filter(runtime -> runtime.state(id).ok()).findFirst();
            if (owner.isEmpty()) {
                say.accept("runtime state of container " + id + " is known to none of " + RuntimeChoice.RUNTIMES
                        + "; left in " + paths.runtimeState().resolve(id));
                clean = false;
                continue;
            }
            // Refused for a container that already stopped; delete --force kills whatever still runs anyway.
            owner.get().kill(id, "SIGKILL");
            Exec.Result deleted = owner.get().delete(id);
            if (deleted.ok()) {
                say.accept("removed container " + id + " (" + owner.get().name() + ")");
            } else {
                say.accept("cannot delete container " + id + " (" + owner.get().name() + "): " + deleted.output());
                clean = false;
            }
        }
        return clean;
    }

    /** Unmounts every mount below the state root (not the root itself: it may be the disk the data lives on). */
    private boolean unmountAll() {
        for (int pass = 0; pass < UNMOUNT_PASSES; pass++) {
            List<Path> points = deepestAndNewestFirst(MountTable.current().under(paths.root()));
            if (points.isEmpty()) {
                return true;
            }
            for (Path point : points) {
                try {
                    Overlay.unmount(point);
                    say.accept("unmounted " + point);
                } catch (RuntimeException refused) {
                    // tried again in the next pass, and named below if it stays
                }
            }
        }
        List<MountTable.Mount> left = MountTable.current().under(paths.root());
        if (left.isEmpty()) {
            return true;
        }
        say.accept("mounts still under " + paths.root() + ": "
                + String.join(" ", left.stream().map(mount -> mount.mountPoint().toString()).toList()));
        return false;
    }

    /** What is mounted on top comes off before what it covers: deeper paths first, later mounts first. */
    static List<Path> deepestAndNewestFirst(List<MountTable.Mount> mounts) {
        List<Path> points = new ArrayList<>(mounts.stream().map(MountTable.Mount::mountPoint).toList().reversed());
        points.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return points;
    }

    /** The entries of a directory of containers (one per id); none when it does not exist. */
    private static List<String> names(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    /** The kernel shows resolved paths in the mount table and in /proc/<pid>/root. */
    private static Path canonical(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + root + ": " + e.getMessage(), e);
        }
    }
}
