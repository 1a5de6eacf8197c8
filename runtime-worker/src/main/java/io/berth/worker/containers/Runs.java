package io.berth.worker.containers;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.execs.ExecSessions;
import io.berth.worker.exits.ExitReporter;
import io.berth.worker.network.Attachment;
import io.berth.worker.network.ContainerNetworks;
import io.berth.worker.network.NetworkPlan;
import io.berth.worker.runtime.Conmon;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerLocks;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.MetaStore;
import io.berth.worker.stdio.StdioSettings;
import io.berth.worker.stdio.TerminalSize;
import io.berth.oci.spec.Spec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Starts and signals containers' runs under conmon and the OCI runtime (Podman's {@code OCIRuntime} port: start,
 * kill). Which run may start when is container-service's business: it numbers the runs, and the worker refuses only
 * what the node cannot do, a second live run in one bundle or a run number it has already used.
 */
@ApplicationScoped
public class Runs {
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]{1,12}|[0-9]{1,2}");
    private static final Duration CONMON_GONE = Duration.ofSeconds(10);
    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final Bundles bundles;
    private final RunStatuses statuses;
    private final OciRuntime runtime;
    private final Conmon conmon;
    private final ExitReporter exits;
    private final ContainerNetworks networks;
    private final ExecSessions execs;

    Runs(NodePaths paths, MetaStore metas, ContainerLocks locks, Bundles bundles, RunStatuses statuses,
            OciRuntime runtime, Conmon conmon, ExitReporter exits, ContainerNetworks networks, ExecSessions execs) {
        this.execs = execs;
        this.networks = networks;
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.bundles = bundles;
        this.statuses = statuses;
        this.runtime = runtime;
        this.conmon = conmon;
        this.exits = exits;
    }

    /**
     * Starts run {@code run} under conmon; its exit is announced as {@code exit-<id>-<run>}. A failed start leaves
     * the container as it was, so the same run number may be tried again.
     */
    public RunStatus start(TenantId tenant, String id, long run) {
        return start(tenant, id, run, NetworkPlan.none());
    }

    /**
     * As {@link #start(TenantId, String, long)}, with the run's network: a container on networks gets a fresh
     * namespace with the plan's endpoints set up by netavark before its process starts, and loses it if the start
     * fails.
     */
    public RunStatus start(TenantId tenant, String id, long run, NetworkPlan network) {
        if (run <= 0) {
            throw new InvalidParameterException("start needs the run's number: run must be a positive number");
        }
        return locks.with(id, () -> {
            ContainerMeta before = metas.owned(tenant, id);
            if (run <= before.run()) {
                throw new ConflictException("container " + id + " already had run " + before.run()
                        + "; a start must name a later run than that, not " + run);
            }
            if (statuses.of(id, before).running()) {
                // The runtime holds one process per bundle: a new run would have to kill the live one first.
                throw new ConflictException("container " + id + " is already running");
            }
            ContainerDir dir = metas.dir(id);
            if (before.run() > 0) {
                clearPreviousRun(id, dir, before);
                before = metas.load(id).orElseThrow();
            }
            bundles.remountIfNeeded(id, before);
            Files2.deleteIfExists(paths.exitFile(id));
            metas.save(id, before.started(run, 0, null));
            try {
                if (!network.attachments().isEmpty()) {
                    networks.setUp(id, before.name(), hostname(dir), network);
                }
                boolean terminal = terminal(dir);
                StdioSettings stdio = StdioSettings.load(dir);
                conmon.create(id, before.name(), dir, terminal, stdio);
                Exec.Result started = runtime.start(id);
                if (!started.ok()) {
                    throw Conmon.failure(id, dir, "cannot start container " + id + ": " + started.output());
                }
                if (terminal && stdio.hasSize()) {
                    // The create's ConsoleSize (the runtime makes the pty 0x0); the client resizes it again later.
                    TerminalSize.resize(dir.controlFifo(), stdio.height(), stdio.width());
                }
            } catch (RuntimeException e) {
                runtime.delete(id);
                runtime.removeEmptyCgroupParent();
                networks.tearDown(id);
                // conmon may still write an exit file for a container that never ran; wait until it is gone.
                long conmonPid = dir.readPid(dir.conmonPidFile());
                Polling.until(() -> !ContainerDir.isAlive(conmonPid), CONMON_GONE);
                Files2.deleteIfExists(paths.exitFile(id));
                metas.save(id, before);
                throw e;
            }
            long pid = dir.readPid(dir.pidFile());
            Instant startedAt = Instant.now();
            metas.save(id, before.started(run, pid, startedAt));
            return new RunStatus(run, pid, RunStatus.State.RUNNING, null, false, startedAt, null);
        });
    }

    /** Whether the container's process has a terminal ({@code process.terminal} of its spec). */
    private static boolean terminal(ContainerDir dir) {
        try {
            Spec spec = SpecJson.read(Files.readAllBytes(dir.config()));
            return spec.process() != null && spec.process().terminal();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Resizes the live run's terminal ({@code docker resize}, the CLI's resize after start and on SIGWINCH): 409 when
     * no run lives, as dockerd; a run without a terminal has nothing to resize, and dockerd answers 200 then too.
     */
    public void resize(TenantId tenant, String id, int height, int width) {
        ContainerMeta meta = metas.owned(tenant, id);
        if (!statuses.of(id, meta).running()) {
            throw new ConflictException("Container " + id + " is not running");
        }
        ContainerDir dir = metas.dir(id);
        if (terminal(dir)) {
            TerminalSize.resize(dir.controlFifo(), height, width);
        }
    }

    /** The hostname the container's spec gives it, which its {@code /etc/hosts} names. */
    private static String hostname(ContainerDir dir) {
        try {
            String hostname = SpecJson.read(Files.readAllBytes(dir.config())).hostname();
            return hostname == null ? "" : hostname;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A live run joins one more network (netavark sets the endpoint up in its namespace); 409 when the container has
     * no live run or no namespace of its own.
     */
    public void connect(TenantId tenant, String id, Attachment attachment) {
        locks.run(id, () -> {
            ContainerMeta meta = metas.owned(tenant, id);
            if (!statuses.of(id, meta).running()) {
                throw new ConflictException("container " + id + " is not running");
            }
            networks.connect(id, meta.name(), attachment);
        });
    }

    /** A live run leaves one network; nothing happens when it is not on it. */
    public void disconnect(TenantId tenant, String id, String networkId) {
        locks.run(id, () -> {
            metas.owned(tenant, id);
            networks.disconnect(id, networkId);
        });
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
        Files2.deleteIfExists(paths.exitFile(id));
        Files2.deleteIfExists(dir.pidFile());
        Files2.deleteIfExists(dir.conmonPidFile());
        Files2.deleteIfExists(dir.runtimeLog());
        Files2.deleteIfExists(dir.conmonOutput());
        Files2.deleteIfExists(dir.oomFile());
        Files2.deleteIfExists(dir.persistedExit());
        // Their processes died with the run.
        execs.forget(id);
        // The next conmon makes its own; an old socket would let a stdin stream connect to nobody.
        Files2.deleteIfExists(dir.attachSocket());
    }

    /**
     * Freezes the live run ({@code runc pause}: the freezer cgroup on v1, {@code cgroup.freeze} on v2). Which
     * container may be paused is container-service's rule; the node refuses only a run that does not live (409).
     */
    public void pause(TenantId tenant, String id) {
        locks.run(id, () -> {
            metas.owned(tenant, id);
            Exec.Result frozen = runtime.pause(id);
            if (!frozen.ok()) {
                throw runtimeRefusal(id, "pause", frozen);
            }
        });
    }

    /** Thaws the run ({@code runc resume}); 409 when no run lives. */
    public void resume(TenantId tenant, String id) {
        locks.run(id, () -> {
            metas.owned(tenant, id);
            Exec.Result thawed = runtime.resume(id);
            // runc's words for a run that is not frozen (libcontainer ErrNotPaused): nothing to thaw.
            if (!thawed.ok() && !thawed.output().contains("not paused")) {
                throw runtimeRefusal(id, "resume", thawed);
            }
        });
    }

    private static RuntimeException runtimeRefusal(String id, String verb, Exec.Result result) {
        String words = result.output();
        if (words.contains("not running") || words.contains("does not exist") || words.contains("stopped")) {
            return new ConflictException("container " + id + " is not running");
        }
        return new InternalException("cannot " + verb + " container " + id + ": " + words.strip());
    }

    /**
     * Signals the live run's init process ({@code signal} a name, SIGTERM or TERM, or a number; SIGKILL when
     * absent). A container with no live run answers what the runtime says, 409: it is not running.
     */
    public void kill(TenantId tenant, String id, String signal) {
        String sig = signal == null || signal.isBlank() ? "SIGKILL" : signal.trim();
        if (!SIGNAL.matcher(sig).matches()) {
            throw new InvalidParameterException("invalid signal: " + signal);
        }
        locks.run(id, () -> {
            metas.owned(tenant, id);
            Exec.Result killed = runtime.kill(id, sig);
            if (killed.ok()) {
                return;
            }
            if (killed.output().contains("not running") || killed.output().contains("does not exist")) {
                throw new ConflictException("container " + id + " is not running");
            }
            if (killed.output().contains("signal")) {
                throw new InvalidParameterException("invalid signal: " + signal);
            }
            throw new InternalException("cannot signal container " + id + ": " + killed.output());
        });
    }
}
