package io.berth.worker.runtime;

import io.berth.worker.Exec;
import io.berth.worker.NodePaths;
import io.berth.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI runtime's verbs (runc or crun, which share their command line), with the worker's own runtime state
 * directory; conmon runs {@code create}, the worker runs the rest.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/runtime.md#operations">OCI operations</a>
 */
@ApplicationScoped
public class OciRuntime {
    private static final Duration VERB_TIMEOUT = Duration.ofSeconds(30);
    private final String name;
    private final String binary;
    private final Path stateDir;
    private final CgroupLayout cgroups;

    @Inject
    OciRuntime(WorkerConfig config, NodePaths paths) {
        this(RuntimeChoice.choose(config.ociRuntime(), CgroupLayout.host().kind()), paths.runtimeState(),
                CgroupLayout.host());
    }

    OciRuntime(String name, Path stateDir, CgroupLayout cgroups) {
        this.name = name;
        this.binary = Exec.which(name);
        this.stateDir = stateDir;
        this.cgroups = cgroups;
    }

    /** The runtime {@code name} (runc or crun) over the worker's runtime state, for callers outside the application. */
    public static OciRuntime of(String name, NodePaths paths, CgroupLayout cgroups) {
        return new OciRuntime(name, paths.runtimeState(), cgroups);
    }

    public String name() {
        return name;
    }

    /** The runtime program's absolute path, as conmon wants it. */
    public String binary() {
        return binary;
    }

    /** Global options every verb takes: where the runtime keeps its state. */
    public List<String> globalArgs() {
        return List.of("--root=" + stateDir);
    }

    public CgroupLayout cgroups() {
        return cgroups;
    }

    public Exec.Result start(String id) {
        return verb("start", id);
    }

    /** Signals the container's init process; {@code signal} is a name (SIGTERM, TERM) or a number. */
    public Exec.Result kill(String id, String signal) {
        return verb("kill", id, signal);
    }

    /** Deletes the container from the runtime, killing it first if it still runs; this also removes its cgroup. */
    public Exec.Result delete(String id) {
        return verb("delete", "--force", id);
    }

    /** Freezes every process of the container (its cgroup's freezer), as {@code docker pause} does. */
    public Exec.Result pause(String id) {
        return verb("pause", id);
    }

    /** Thaws what {@link #pause} froze. */
    public Exec.Result resume(String id) {
        return verb("resume", id);
    }

    public Exec.Result state(String id) {
        return verb("state", id);
    }

    private Exec.Result verb(String verb, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(globalArgs());
        command.add(verb);
        command.addAll(List.of(args));
        return Exec.run(command, VERB_TIMEOUT);
    }

    /**
     * Removes the worker's parent cgroup ({@code berth/}) from every hierarchy once no container is left in it;
     * the runtime removes each container's own cgroup on delete, but not the parent it created on the way. Answers
     * the cgroups it removed.
     */
    public List<Path> removeEmptyCgroupParent() {
        List<Path> removed = new ArrayList<>();
        for (Path mountPoint : cgroups.mountPoints()) {
            Path parent = mountPoint.resolve(BundleSpec.CGROUP_PARENT);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try {
                // rmdir(2) on a cgroup succeeds only when it has no children and no tasks: exactly "when empty".
                Files.delete(parent);
                removed.add(parent);
            } catch (IOException busyOrGone) {
                // still in use by another container, or already gone
            }
        }
        return removed;
    }
}
