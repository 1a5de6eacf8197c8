package io.berth.worker.execs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Process;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.runtime.Conmon;
import io.berth.worker.runtime.RuntimeErrors;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerLocks;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.ExitFile;
import io.berth.worker.state.MetaStore;
import io.berth.worker.stdio.TerminalSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Exec sessions in containers' live runs, each under a conmon of its own (Podman's {@code ExecContainer}): started,
 * resized, read as facts, removed. Which exec may start when, and what its end means, is container-service's; the
 * worker refuses only what the node cannot do, an exec in a container with no live run.
 */
@ApplicationScoped
public class ExecSessions {
    private static final Logger LOG = Logger.getLogger(ExecSessions.class);
    /** Docker Engine's exit code for every exec the OCI runtime could not start (20.10, checked). */
    public static final int CANNOT_EXEC = 126;
    private static final Pattern ID = MetaStore.ID;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final NodePaths paths;
    private final MetaStore metas;
    private final ContainerLocks locks;
    private final RunStatuses statuses;
    private final Conmon conmon;

    ExecSessions(NodePaths paths, MetaStore metas, ContainerLocks locks, RunStatuses statuses, Conmon conmon) {
        this.paths = paths;
        this.metas = metas;
        this.locks = locks;
        this.statuses = statuses;
        this.conmon = conmon;
    }

    public ExecDir dir(String execId) {
        return new ExecDir(paths.execs().resolve(execId));
    }

    /**
     * Starts the session in the container's live run: the container's own process (user, capabilities, rlimits,
     * environment) with the request's command, environment added, working directory, user and terminal. 409 when the
     * container has no live run or the session exists; a command the runtime cannot exec is no error here but a
     * session that ended with {@link #CANNOT_EXEC} and the runtime's words.
     */
    public ExecStatus start(TenantId tenant, String containerId, String execId, ExecRequest request) {
        requireId(execId);
        if (request.args().isEmpty()) {
            throw new InvalidParameterException("No exec command specified");
        }
        return locks.with(containerId, () -> {
            ContainerMeta meta = metas.owned(tenant, containerId);
            if (!statuses.of(tenant, containerId).running() || meta.pid() <= 0) {
                throw new ConflictException("Container " + containerId + " is not running");
            }
            ExecDir dir = dir(execId);
            if (Files.exists(dir.path())) {
                throw new ConflictException("exec " + execId + " already exists");
            }
            Process process = process(metas.dir(containerId), request);
            try {
                Files.createDirectories(dir.path());
                Files.write(dir.process(), JSON.writeValueAsBytes(process));
                Files2.writeAtomically(dir.session(), JSON.writeValueAsBytes(
                        new ExecSession(tenant.value(), containerId, request.terminal())));
            } catch (IOException e) {
                Files2.deleteTree(dir.path());
                throw new UncheckedIOException(e);
            }
            boolean started;
            try {
                started = conmon.exec(containerId, execId, meta.name(), dir, request.terminal(), request.openStdin());
            } catch (RuntimeException e) {
                // conmon itself did not run: no session to speak of
                Files2.deleteTree(dir.path());
                throw e;
            }
            if (started && request.terminal() && request.height() > 0 && request.width() > 0) {
                try {
                    TerminalSize.resize(dir.controlFifo(), request.height(), request.width());
                } catch (RuntimeException e) {
                    // a process quicker than its first size: nothing left to size
                    LOG.debugf("first size of exec %s: %s", execId, e.getMessage());
                }
            }
            return status(execId, session(dir).orElseThrow());
        });
    }

    /** The exec's process: the container's, with what the request changes. */
    private static Process process(ContainerDir container, ExecRequest request) {
        Spec spec;
        try {
            spec = SpecJson.read(Files.readAllBytes(container.config()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process base = spec.process() == null ? Process.empty() : spec.process();
        Process process = base.withArgs(request.args()).withEnv(mergedEnv(base.env(), request.env()))
                .withTerminal(request.terminal());
        if (request.workingDir() != null && !request.workingDir().isEmpty()) {
            process = process.withCwd(request.workingDir());
        }
        if (request.user() != null) {
            process = process.withUser(request.user());
        }
        return process;
    }

    /** The container's environment with the exec's own: a name set again takes the exec's value, in its place. */
    static List<String> mergedEnv(List<String> container, List<String> exec) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (List<String> list : List.of(container == null ? List.<String>of() : container, exec)) {
            for (String entry : list) {
                int equals = entry.indexOf('=');
                merged.put(equals < 0 ? entry : entry.substring(0, equals), entry);
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** The session's facts; 404 for an absent one or another tenant's, or one in another container. */
    public ExecStatus status(TenantId tenant, String containerId, String execId) {
        return status(execId, owned(tenant, containerId, execId));
    }

    /** The facts of a session whose owner was checked, for streams; empty once it is gone. */
    public Optional<ExecStatus> status(String execId) {
        if (execId == null || !ID.matcher(execId).matches()) {
            return Optional.empty();
        }
        return session(dir(execId)).map(session -> status(execId, session));
    }

    /** True once the session is over for certain: its output complete, conmon gone (or the session gone). */
    public boolean over(String execId) {
        ExecDir dir = dir(execId);
        if (!Files.exists(dir.session())) {
            return true;
        }
        return !ContainerDir.isAlive(ContainerDir.pidIn(dir.conmonPidFile()))
                && (ContainerDir.pidIn(dir.conmonPidFile()) > 0 || !Files.exists(dir.process()));
    }

    private ExecStatus status(String execId, ExecSession session) {
        ExecDir dir = dir(execId);
        long pid = ContainerDir.pidIn(dir.pidFile());
        Optional<ExitFile> exit = ExitFile.read(dir.exitFile(session.container()));
        if (exit.isPresent()) {
            return new ExecStatus(execId, session.container(), false, pid, exit.get().exitCode(), null);
        }
        long conmonPid = ContainerDir.pidIn(dir.conmonPidFile());
        if (pid > 0 && (ContainerDir.isAlive(pid) || ContainerDir.isAlive(conmonPid))) {
            return new ExecStatus(execId, session.container(), true, pid, null, null);
        }
        if (pid == 0) {
            String words = RuntimeErrors.message(read(dir.runtimeLog()), read(dir.conmonOutput()));
            return new ExecStatus(execId, session.container(), false, 0, CANNOT_EXEC,
                    "OCI runtime exec failed: " + (words.isEmpty() ? "the runtime could not start the process" : words)
                            + ": unknown");
        }
        // Neither process nor exit file: conmon was killed with it (the container was deleted, the node went down).
        return new ExecStatus(execId, session.container(), false, pid, 137, null);
    }

    /** Resizes the session's terminal; 404 "no such exec" once it is over, as dockerd. */
    public void resize(TenantId tenant, String containerId, String execId, int height, int width) {
        ExecSession session = owned(tenant, containerId, execId);
        ExecStatus status = status(execId, session);
        if (!status.running()) {
            throw new NotFoundException("no such exec");
        }
        if (session.terminal()) {
            TerminalSize.resize(dir(execId).controlFifo(), height, width);
        }
    }

    /** Removes a session that is over (a live one is left alone: 409); idempotent. */
    public void delete(TenantId tenant, String containerId, String execId) {
        requireId(execId);
        Optional<ExecSession> session = session(dir(execId));
        if (session.isEmpty() || !session.get().tenant().equals(tenant.value())
                || !session.get().container().equals(containerId)) {
            return;
        }
        if (status(execId, session.get()).running()) {
            throw new ConflictException("exec " + execId + " is running");
        }
        Files2.deleteTree(dir(execId).path());
    }

    /** Removes every session of the container, for its delete or its next run: their processes died with its run. */
    public void forget(String containerId) {
        if (!Files.isDirectory(paths.execs())) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.execs())) {
            for (Path entry : entries) {
                Optional<ExecSession> session = session(new ExecDir(entry));
                if (session.isPresent() && session.get().container().equals(containerId)) {
                    Files2.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", paths.execs(), e.getMessage());
        }
    }

    /** The session's owner record when it is the tenant's and in that container, else 404 as dockerd's words. */
    private ExecSession owned(TenantId tenant, String containerId, String execId) {
        requireId(execId);
        return session(dir(execId))
                .filter(session -> session.tenant().equals(tenant.value()) && session.container().equals(containerId))
                .orElseThrow(() -> new NotFoundException("No such exec instance: " + execId));
    }

    private static Optional<ExecSession> session(ExecDir dir) {
        try {
            return Optional.of(JSON.readValue(dir.session().toFile(), ExecSession.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void requireId(String execId) {
        if (execId == null || !ID.matcher(execId).matches()) {
            throw new NotFoundException("No such exec instance: " + execId);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
