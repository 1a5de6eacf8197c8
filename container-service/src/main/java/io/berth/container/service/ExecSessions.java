package io.berth.container.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerState;
import io.berth.container.ExecSettings;
import io.berth.container.ProcessUser;
import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerExecRequest;
import io.berth.container.clients.WorkerExecStatus;
import io.berth.container.events.ContainerEvents;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ExecEntity;
import io.berth.container.store.ExecRepository;
import io.berth.events.container.ContainerActions;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The use cases of {@code docker exec}: a session is created on a running container, started once on its node
 * (the worker runs it under a conmon of its own), and its end recorded once with its exit code. Each step commits its
 * row and its event (exec_create, exec_start, exec_die, exec_detach) in one transaction.
 */
@ApplicationScoped
public class ExecSessions {
    private static final Logger LOG = Logger.getLogger(ExecSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a resize waits for a session being started, as dockerd waits for it to be ready. */
    private static final Duration READY_WAIT = Duration.ofSeconds(5);

    private final ExecRepository execs;
    private final ContainerRepository containers;
    private final ContainerLookup lookup;
    private final Worker worker;
    private final ContainerEvents events;
    private final OutboxRelay relay;

    ExecSessions(ExecRepository execs, ContainerRepository containers, ContainerLookup lookup, Worker worker,
            ContainerEvents events, OutboxRelay relay) {
        this.execs = execs;
        this.containers = containers;
        this.lookup = lookup;
        this.worker = worker;
        this.events = events;
        this.relay = relay;
    }

    /** A session started or to start: its row, its settings, and its container. */
    public record Session(ExecEntity row, ExecSettings settings, ContainerEntity container) {
    }

    /** Records a new session on a running container; 409 {@code Container <id> is not running} otherwise. */
    public Uni<String> create(TenantId tenant, String ref, ExecSettings settings) {
        return lookup.find(tenant, ref).flatMap(found -> Panache.withTransaction(() -> containers.lock(found.id)
                .flatMap(container -> {
                    if (container == null) {
                        return Uni.createFrom().failure(ContainerRepository.noSuch(ref));
                    }
                    if (container.state() == ContainerState.PAUSED) {
                        // dockerd names the container as the client did here (moby daemon/exec.go getActiveContainer).
                        return Uni.createFrom().failure(paused(ref));
                    }
                    if (container.state() != ContainerState.RUNNING) {
                        return Uni.createFrom().failure(notRunning(container.id));
                    }
                    ExecEntity row = new ExecEntity();
                    row.id = ContainerNames.newId();
                    row.tenant = tenant.value();
                    row.containerId = container.id;
                    row.configJson = write(settings);
                    row.createdAt = Instant.now();
                    return execs.persist(row)
                            .flatMap(saved -> events.exec(container, ContainerActions.EXEC_CREATE, row.id,
                                    settings.commandLine(), null))
                            .replaceWith(row.id);
                })))
                .invoke(relay::wakeUp);
    }

    /** The live sessions of the container's current run (inspect's {@code ExecIDs}); none when nothing runs. */
    public Uni<List<String>> liveIds(ContainerEntity container) {
        if (!container.state().isRunning() || container.startedAt() == null) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> execs.liveIds(container.id, container.startedAt()));
    }

    /** The tenant's session with its container, or dockerd's 404. */
    public Uni<Session> find(TenantId tenant, String execId) {
        return Panache.withSession(() -> execs.owned(tenant, execId)
                .flatMap(row -> containers.findById(row.containerId)
                        .map(container -> new Session(row, read(row.configJson), container))));
    }

    /**
     * Starts the session on its container's node: 409 in dockerd's words when it started before or its container no
     * longer runs. Answers the worker's facts, recorded with exec_start: running, or (exit code 126, the runtime's
     * words) never started, as dockerd sends exec_start for both and exec_die for neither. With {@code stdin} the
     * process's stdin is open to a stream of the client's input, else it reads nothing.
     */
    public Uni<WorkerExecStatus> start(TenantId tenant, Session session, boolean stdin, int height, int width) {
        ExecEntity row = session.row();
        if (row.state != ExecEntity.State.CREATED) {
            return Uni.createFrom().failure(alreadyRun(row.id));
        }
        if (session.container() != null && session.container().state() == ContainerState.PAUSED) {
            return Uni.createFrom().failure(paused(row.containerId));
        }
        if (session.container() == null || session.container().state() != ContainerState.RUNNING) {
            return Uni.createFrom().failure(notRunning(row.containerId));
        }
        ExecSettings settings = session.settings();
        WorkerExecRequest.User user = null;
        if (!settings.user().isEmpty()) {
            ProcessUser parsed = ProcessUser.of(settings.user(), null);
            user = new WorkerExecRequest.User(parsed.uid(), parsed.gid());
        }
        WorkerExecRequest request = new WorkerExecRequest(settings.cmd(), settings.env(),
                settings.workingDir().isEmpty() ? null : settings.workingDir(), user, settings.tty(),
                stdin, height > 0 ? height : settings.consoleHeight(),
                width > 0 ? width : settings.consoleWidth());
        return worker.exec(tenant, row.containerId, row.id, request)
                // The worker holds one session per id: a second start lost the race.
                .onFailure(ConflictException.class).transform(e -> e.getMessage() != null
                        && e.getMessage().contains("already exists") ? alreadyRun(row.id) : notRunning(row.containerId))
                .call(status -> Panache.withTransaction(() -> execs.lock(row.id).flatMap(locked -> {
                    if (locked == null) {
                        return Uni.createFrom().voidItem();
                    }
                    locked.pid = (int) status.pid();
                    locked.state = status.running() ? ExecEntity.State.RUNNING : ExecEntity.State.EXITED;
                    Uni<Void> started = events.exec(session.container(), ContainerActions.EXEC_START, row.id,
                            settings.commandLine(), null);
                    if (status.running()) {
                        return started;
                    }
                    locked.exitCode = status.exitCode();
                    // Over before the worker answered (true, echo): its end is known now.
                    return status.error() != null ? started : started.flatMap(done -> events.exec(
                            session.container(), ContainerActions.EXEC_DIE, row.id, null, status.exitCode()));
                })).invoke(relay::wakeUp));
    }

    /**
     * Records the end of a started session once the node says it is over: its exit code, and exec_die. Idempotent: a
     * session already recorded as ended stays as it was, and announces nothing again.
     */
    public Uni<Void> recordEnd(TenantId tenant, Session session) {
        ExecEntity row = session.row();
        return worker.execStatus(tenant, row.containerId, row.id)
                .map(status -> status.running() ? null : status)
                // The node forgot the session: its container's run ended, and the exec's process with it.
                .onFailure(NotFoundException.class).recoverWithItem(
                        new WorkerExecStatus(row.id, row.containerId, false, row.pid, 137, null))
                .flatMap(status -> status == null ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> execs.lock(row.id).flatMap(locked -> {
                            if (locked == null || locked.state != ExecEntity.State.RUNNING) {
                                return Uni.createFrom().voidItem();
                            }
                            locked.state = ExecEntity.State.EXITED;
                            locked.exitCode = status.exitCode();
                            return events.exec(session.container(), ContainerActions.EXEC_DIE, row.id, null,
                                    status.exitCode());
                        })).invoke(relay::wakeUp));
    }

    /** The client typed the detach keys: the session runs on without it (exec_detach). */
    public Uni<Void> detached(Session session) {
        return Panache.withTransaction(() -> events.exec(session.container(), ContainerActions.EXEC_DETACH,
                session.row().id, null, null)).invoke(relay::wakeUp);
    }

    /**
     * The session as inspect shows it. A row that says running while the node says it is over (its end was not
     * recorded: a replica went away while it followed the session) is settled first.
     */
    public Uni<Session> inspect(TenantId tenant, String execId) {
        return find(tenant, execId).flatMap(session -> session.row().state != ExecEntity.State.RUNNING
                ? Uni.createFrom().item(session)
                : recordEnd(tenant, session)
                        .onFailure().invoke(e -> LOG.debugf("exec %s not settled: %s", execId, e.getMessage()))
                        .onFailure().recoverWithNull()
                        .flatMap(settled -> find(tenant, execId)));
    }

    /** Resizes a running session's terminal; dockerd's 404 {@code no such exec} once it ended. */
    public Uni<Void> resize(TenantId tenant, String execId, int height, int width) {
        return awaitStarted(tenant, execId, Instant.now().plus(READY_WAIT)).flatMap(session -> {
            if (session.row().state != ExecEntity.State.RUNNING) {
                return Uni.createFrom().<Void>failure(new NotFoundException("no such exec"));
            }
            return worker.execResize(tenant, session.row().containerId, execId, height, width);
        });
    }

    private Uni<Session> awaitStarted(TenantId tenant, String execId, Instant deadline) {
        return find(tenant, execId).flatMap(session -> {
            if (session.row().state != ExecEntity.State.CREATED) {
                return Uni.createFrom().item(session);
            }
            if (Instant.now().isAfter(deadline)) {
                // dockerd's words when a session does not become ready (moby daemon/resize.go).
                return Uni.createFrom().failure(new InternalException("timeout waiting for exec session ready"));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50))
                    .flatMap(waited -> awaitStarted(tenant, execId, deadline));
        });
    }

    public static ExecSettings read(String json) {
        try {
            return JSON.readValue(json, ExecSettings.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ExecSettings settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dockerd's words for an exec in a paused container (moby daemon/errors.go errExecPaused). */
    static ConflictException paused(String container) {
        return new ConflictException("Container " + container + " is paused, unpause the container before exec");
    }

    static ConflictException notRunning(String containerId) {
        return new ConflictException("Container " + containerId + " is not running");
    }

    static ConflictException alreadyRun(String execId) {
        return new ConflictException("Error: Exec command " + execId + " has already run");
    }
}
