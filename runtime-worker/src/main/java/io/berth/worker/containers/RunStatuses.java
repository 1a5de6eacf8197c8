package io.berth.worker.containers;

import io.berth.kit.tenant.TenantId;
import io.berth.worker.NodePaths;
import io.berth.worker.exits.ExitReporter;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.ExitFile;
import io.berth.worker.state.MetaStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the facts of containers' runs from the node: meta, the pid files, conmon's exit and oom files. It decides
 * nothing; what a fact means for the container's lifecycle is container-service's.
 */
@ApplicationScoped
public class RunStatuses {
    private final NodePaths paths;
    private final MetaStore metas;

    RunStatuses(NodePaths paths, MetaStore metas) {
        this.paths = paths;
        this.metas = metas;
    }

    /** The last run of the tenant's container; 404 for an absent one or another tenant's. */
    public RunStatus of(TenantId tenant, String id) {
        return of(id, metas.owned(tenant, id));
    }

    /** The last run's status without a tenant check, for streams that already checked; empty once it is gone. */
    public Optional<RunStatus> of(String id) {
        return metas.load(id).map(meta -> of(id, meta));
    }

    /**
     * True once run {@code run} is over for certain, which is when its output is complete: conmon wrote the exit
     * and is gone (it writes the exit before it has drained the pipes into the log), or the exit was reported, as a
     * run that lost its conmon is. A run not started yet, or being started, is not over; every run of a container
     * that is gone is.
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

    /** Every container directory on the node, with its tenant and last run, for reconciliation. */
    public List<NodeContainer> list() {
        List<NodeContainer> all = new ArrayList<>();
        if (!Files.isDirectory(paths.containers())) {
            return all;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.containers())) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString();
                if (MetaStore.ID.matcher(id).matches()) {
                    all.add(metas.load(id).map(meta -> new NodeContainer(id, meta.tenant(), meta.name(), of(id, meta)))
                            .orElseGet(() -> new NodeContainer(id, null, null, null)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + paths.containers() + ": " + e.getMessage(), e);
        }
        return all;
    }

    /**
     * created: never started; running: being started, or the init process (or conmon, about to write the exit)
     * lives; exited: conmon's exit file, or the last reported exit when the file was already consumed.
     */
    RunStatus of(String id, ContainerMeta meta) {
        if (meta.run() == 0) {
            return RunStatus.created();
        }
        ContainerDir dir = metas.dir(id);
        // Processes before the exit file: conmon writes the file, then exits (see ExitReporter.reportLost).
        boolean alive = dir.processesAlive(meta.pid());
        Optional<ExitFile> exit = ExitFile.read(paths.exitFile(id));
        if (exit.isPresent()) {
            return exited(meta, dir, exit.get().exitCode(), exit.get().finishedAt());
        }
        if (alive) {
            return new RunStatus(meta.run(), meta.pid(), RunStatus.State.RUNNING, null, false, meta.startedAt(), null);
        }
        if (meta.currentExitReported()) {
            return exited(meta, dir, meta.lastExitCode(), meta.lastFinishedAt());
        }
        if (meta.startedAt() == null) {
            // Being started: the run is recorded before conmon exists. (Had the worker died here, the exit reporter
            // settles it as a lost run.)
            return new RunStatus(meta.run(), 0, RunStatus.State.RUNNING, null, false, null, null);
        }
        // Neither process nor exit file: the node went down under it (conmon does not survive a reboot).
        return exited(meta, dir, ExitReporter.LOST_RUN_EXIT_CODE, null);
    }

    private static RunStatus exited(ContainerMeta meta, ContainerDir dir, Integer code, Instant finishedAt) {
        return new RunStatus(meta.run(), 0, RunStatus.State.EXITED, code, Files.exists(dir.oomFile()),
                meta.startedAt(), finishedAt);
    }
}
