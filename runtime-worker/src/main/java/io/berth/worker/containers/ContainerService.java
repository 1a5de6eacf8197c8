package io.berth.worker.containers;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.exits.ExitFile;
import io.berth.worker.exits.ExitReporter;
import io.berth.worker.layers.ImageLayers;
import io.berth.worker.runtime.BundleSpec;
import io.berth.worker.runtime.Conmon;
import io.berth.worker.runtime.NodeLimits;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.runtime.Overlay;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The container verbs of docs/internal-api.md on this node. Thin over the OCI runtime: it writes the bundle, calls
 * the runtime's verbs and tells what happened; whether a verb is allowed in a state is container-service's business,
 * except where the runtime itself cannot do it.
 */
@ApplicationScoped
public class ContainerService {
    private static final Logger LOG = Logger.getLogger(ContainerService.class);
    private static final Pattern ID = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]{1,12}|[0-9]{1,2}");
    private static final long EXIT_WAIT_MS = 10_000;
    private static final java.time.Duration ATTACH_DRAIN = java.time.Duration.ofSeconds(5);
    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final ImageLayers layers;
    private final OciRuntime runtime;
    private final Conmon conmon;
    private final ExitReporter exits;
    private final AttachedStreams attached;

    ContainerService(NodePaths paths, MetaStore metas, ContainerLocks locks, ImageLayers layers, OciRuntime runtime,
            Conmon conmon, ExitReporter exits, AttachedStreams attached) {
        this.attached = attached;
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.layers = layers;
        this.runtime = runtime;
        this.conmon = conmon;
        this.exits = exits;
    }

    /** Unpacks the image, mounts the rootfs and writes the bundle; undoes all of it when any step fails. */
    public void create(TenantId tenant, String id, String name, String repository, Digest digest, Spec spec) {
        requireId(id);
        if (spec == null || spec.process() == null) {
            throw new InvalidParameterException("spec must be an OCI runtime spec with a process");
        }
        String containerName = name == null || name.isBlank() ? id.substring(0, 12) : name.replaceFirst("^/", "");
        locks.run(id, () -> {
            ContainerDir dir = metas.dir(id);
            if (dir.exists()) {
                throw new ConflictException("container " + id + " already exists");
            }
            // Fetch before touching the container's directory: a missing image changes nothing here.
            List<Path> lowers = layers.ensure(tenant, repository, digest);
            try {
                Files.createDirectories(paths.containers());
                Files.createDirectory(dir.path());
                Files.createDirectory(dir.upper());
                Files.createDirectory(dir.work());
                Files.createDirectory(dir.merged());
                Overlay.mount(lowers, dir.upper(), dir.work(), dir.merged());
                Spec bundle = BundleSpec.complete(spec, dir.merged(), id, nodeHardLimits());
                Files2.writeAtomically(dir.config(), SpecJson.write(bundle));
                metas.save(id, ContainerMeta.created(tenant.value(), containerName, lowers));
            } catch (IOException | RuntimeException e) {
                removeQuietly(dir);
                throw e instanceof IOException io ? new InternalException("cannot create container " + id + ": "
                        + io.getMessage(), io) : (RuntimeException) e;
            }
        });
    }

    /** Starts a new run under conmon; a failed start leaves the container as it was. */
    public Started start(TenantId tenant, String id) {
        return locks.with(id, () -> {
            ContainerMeta before = owned(tenant, id);
            ContainerDir dir = metas.dir(id);
            if (status(id, before).running()) {
                throw new ConflictException("container " + id + " is already running");
            }
            if (before.run() > 0) {
                clearPreviousRun(id, dir, before);
                before = metas.load(id).orElseThrow();
            }
            remountIfNeeded(id, dir, before);
            long run = before.run() + 1;
            deleteQuietly(paths.exitFile(id));
            metas.save(id, before.started(run, 0, null));
            try {
                conmon.create(id, before.name(), dir);
                Exec.Result started = runtime.start(id);
                if (!started.ok()) {
                    throw Conmon.failure(id, dir, "cannot start container " + id + ": " + started.output());
                }
            } catch (RuntimeException e) {
                runtime.delete(id);
                runtime.removeEmptyCgroupParent();
                awaitGone(dir.readPid(dir.conmonPidFile()));
                deleteQuietly(paths.exitFile(id));
                metas.save(id, before);
                throw e;
            }
            long pid = dir.readPid(dir.pidFile());
            Instant startedAt = Instant.now();
            metas.save(id, before.started(run, pid, startedAt));
            return new Started(run, pid, startedAt);
        });
    }

    /** After {@code ./berth down} or a reboot the rootfs is no longer mounted; it is mounted again as it was. */
    private static void remountIfNeeded(String id, ContainerDir dir, ContainerMeta meta) {
        if (Overlay.isMounted(dir.merged())) {
            return;
        }
        if (meta.lowerPaths().isEmpty()) {
            throw new InternalException("the rootfs of container " + id + " is not mounted and its layers are not recorded");
        }
        Overlay.mount(meta.lowerPaths(), dir.upper(), dir.work(), dir.merged());
    }

    /** The previous run must be reported and gone from the runtime before conmon may write a new exit file. */
    private void clearPreviousRun(String id, ContainerDir dir, ContainerMeta meta) {
        if (!meta.currentExitReported() && Files.exists(paths.exitFile(id)) && !exits.report(id)) {
            throw new UnavailableException("the previous exit of container " + id + " is not reported yet: Kafka is"
                    + " not reachable");
        }
        Exec.Result deleted = runtime.delete(id);
        if (!deleted.ok() && !deleted.output().contains("does not exist")) {
            throw new InternalException("cannot clear the previous run of " + id + ": " + deleted.output());
        }
        deleteQuietly(paths.exitFile(id));
        deleteQuietly(dir.pidFile());
        deleteQuietly(dir.conmonPidFile());
        deleteQuietly(dir.runtimeLog());
        deleteQuietly(dir.conmonOutput());
    }

    public void kill(TenantId tenant, String id, String signal) {
        String sig = signal == null || signal.isBlank() ? "SIGKILL" : signal.trim();
        if (!SIGNAL.matcher(sig).matches()) {
            throw new InvalidParameterException("invalid signal: " + signal);
        }
        locks.run(id, () -> {
            ContainerMeta meta = owned(tenant, id);
            if (!status(id, meta).running()) {
                throw new ConflictException("container " + id + " is not running");
            }
            Exec.Result killed = runtime.kill(id, sig);
            if (!killed.ok()) {
                if (killed.output().contains("not running") || killed.output().contains("does not exist")) {
                    throw new ConflictException("container " + id + " is not running");
                }
                if (killed.output().contains("signal")) {
                    throw new InvalidParameterException("invalid signal: " + signal);
                }
                throw new InternalException("cannot signal container " + id + ": " + killed.output());
            }
        });
    }

    public ContainerStatus state(TenantId tenant, String id) {
        return status(id, owned(tenant, id));
    }

    /** For streams: the container's meta when it exists and is the tenant's. */
    public ContainerMeta find(TenantId tenant, String id) {
        return owned(tenant, id);
    }

    /**
     * True once run {@code run} is over for certain, which is when its output is complete: conmon wrote the exit
     * and is gone (it writes the exit before it has drained the pipes into the log), or the exit was reported, as
     * a run that lost its conmon is. A run being started counts as not over, though it has no process yet.
     */
    public boolean runOver(String id, long run) {
        Optional<ContainerMeta> found = metas.load(id);
        if (found.isEmpty() || found.get().run() > run) {
            return true;
        }
        if (found.get().run() < run) {
            return false;
        }
        if (ExitFile.read(paths.exitFile(id)).isPresent()) {
            ContainerDir dir = metas.dir(id);
            return !ContainerDir.isAlive(dir.readPid(dir.conmonPidFile()));
        }
        return found.get().currentExitReported();
    }

    /** Status without a tenant check, for streams that already checked; empty once the container is gone. */
    public Optional<ContainerStatus> statusOf(String id) {
        return metas.load(id).map(meta -> status(id, meta));
    }

    /** Kills what runs, reports its exit, deletes it from the runtime, unmounts and removes the directory. */
    public void delete(TenantId tenant, String id) {
        requireId(id);
        locks.run(id, () -> {
            Optional<ContainerMeta> meta = metas.load(id);
            if (meta.isPresent() && !meta.get().tenant().equals(tenant.value())) {
                return; // another tenant's container reads as absent, and deleting what is absent is done
            }
            ContainerDir dir = metas.dir(id);
            if (meta.isPresent() && status(id, meta.get()).running()) {
                runtime.kill(id, "SIGKILL");
                awaitExit(id);
                exits.report(id);
            }
            Exec.Result deleted = runtime.delete(id);
            if (!deleted.ok() && !deleted.output().contains("does not exist")) {
                LOG.warnf("runtime delete of %s: %s", id, deleted.output());
            }
            runtime.removeEmptyCgroupParent();
            // The run is over; let attach streams send the last of its output before the log goes.
            attached.awaitDrained(id, ATTACH_DRAIN);
            Overlay.unmount(dir.merged());
            deleteQuietly(paths.exitFile(id));
            Files2.deleteTree(dir.path());
        });
    }

    /** conmon may still write an exit file for a container that never ran; wait until it is gone. */
    private static void awaitGone(long pid) {
        long deadline = System.currentTimeMillis() + EXIT_WAIT_MS;
        while (ContainerDir.isAlive(pid) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitExit(String id) {
        long deadline = System.currentTimeMillis() + EXIT_WAIT_MS;
        while (System.currentTimeMillis() < deadline && ExitFile.read(paths.exitFile(id)).isEmpty()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * created: never started; running: being started, or the init process (or conmon, about to write the exit)
     * lives; exited: conmon's exit file, or the last reported exit when the file was already consumed.
     */
    ContainerStatus status(String id, ContainerMeta meta) {
        if (meta.run() == 0) {
            return new ContainerStatus(ContainerStatus.Status.CREATED, 0, 0, null, null, null);
        }
        // Processes before the exit file: conmon writes the file, then exits (see ExitReporter.reportLost).
        boolean alive = metas.dir(id).processesAlive(meta.pid());
        Optional<ExitFile> exit = ExitFile.read(paths.exitFile(id));
        if (exit.isPresent()) {
            return exited(meta, exit.get().exitCode(), exit.get().finishedAt());
        }
        if (alive) {
            return new ContainerStatus(ContainerStatus.Status.RUNNING, meta.pid(), meta.run(), null, meta.startedAt(),
                    null);
        }
        if (meta.currentExitReported()) {
            return exited(meta, meta.lastExitCode(), meta.lastFinishedAt());
        }
        if (meta.startedAt() == null) {
            // Being started: the run is counted before conmon exists. (Had the worker died here, the exit reporter
            // settles it as a lost run.)
            return new ContainerStatus(ContainerStatus.Status.RUNNING, 0, meta.run(), null, null, null);
        }
        // Neither process nor exit file: the node went down under it (conmon does not survive a reboot).
        return exited(meta, ExitReporter.LOST_RUN_EXIT_CODE, null);
    }

    private static ContainerStatus exited(ContainerMeta meta, Integer code, Instant finishedAt) {
        return new ContainerStatus(ContainerStatus.Status.EXITED, 0, meta.run(), code, meta.startedAt(), finishedAt);
    }

    private ContainerMeta owned(TenantId tenant, String id) {
        requireId(id);
        return metas.load(id).filter(meta -> meta.tenant().equals(tenant.value()))
                .orElseThrow(() -> new NotFoundException("No such container: " + id));
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("No such container: " + id);
        }
    }

    private void removeQuietly(ContainerDir dir) {
        try {
            Overlay.unmount(dir.merged());
            Files2.deleteTree(dir.path());
        } catch (RuntimeException e) {
            LOG.warnf("cleaning up %s failed: %s", dir.path(), e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> nodeHardLimits() {
        try {
            return NodeLimits.parseHard(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to start: which run this is, its pid, when it started. */
    public record Started(long run, long pid, Instant startedAt) {
    }
}
