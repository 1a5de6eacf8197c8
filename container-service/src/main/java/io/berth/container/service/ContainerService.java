package io.berth.container.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerSpec;
import io.berth.container.ContainerState;
import io.berth.container.ImageFacts;
import io.berth.container.clients.Images;
import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerStarted;
import io.berth.container.events.ContainerEvents;
import io.berth.container.runtime.OciSpec;
import io.berth.container.runtime.ProcessSettings;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.events.container.ContainerActions;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotModifiedException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The container use cases. Each state change commits with its event (outbox); remote calls to the image service and
 * the worker happen outside transactions, and a create that fails half way undoes what the worker did.
 */
@ApplicationScoped
public class ContainerService {
    private static final Logger LOG = Logger.getLogger(ContainerService.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    private static final int NAME_ATTEMPTS = 5;

    private final ContainerRepository containers;
    private final Images images;
    private final Worker worker;
    private final ContainerEvents events;
    private final OutboxRelay relay;
    private final ExitWaiters waiters;
    private final ObjectMapper json;

    ContainerService(ContainerRepository containers, Images images, Worker worker, ContainerEvents events,
            OutboxRelay relay, ExitWaiters waiters, ObjectMapper json) {
        this.containers = containers;
        this.images = images;
        this.worker = worker;
        this.events = events;
        this.relay = relay;
        this.waiters = waiters;
        this.json = json;
    }

    public Uni<ContainerEntity> create(TenantId tenant, String requestedName, ContainerSpec spec) {
        if (spec.image() == null || spec.image().isBlank()) {
            return Uni.createFrom().failure(new InvalidParameterException("config.Image must not be empty"));
        }
        String fixedName = requestedName == null || requestedName.isEmpty() ? null : ContainerNames.validate(requestedName);
        return images.resolve(tenant, spec.image()).flatMap(image -> createNamed(tenant, fixedName, spec, image, 0));
    }

    /**
     * Two creates at once can pick the same free name; the database takes one. A name the caller chose is then
     * Docker's 409; a generated one is simply generated again.
     */
    private Uni<ContainerEntity> createNamed(TenantId tenant, String fixedName, ContainerSpec spec, ImageFacts image,
            int attempt) {
        return pickName(tenant, fixedName, attempt).flatMap(name -> createOnWorker(tenant, name, spec, image)
                .onFailure(this::isNameClash).recoverWithUni(clash -> fixedName == null && attempt < NAME_ATTEMPTS
                        ? createNamed(tenant, null, spec, image, attempt + 1)
                        : Uni.createFrom().failure(nameInUse(name, "another container"))));
    }

    private Uni<ContainerEntity> createOnWorker(TenantId tenant, String name, ContainerSpec spec, ImageFacts image) {
        String id = ContainerNames.newId();
        String hostname = spec.hostname() == null || spec.hostname().isEmpty() ? id.substring(0, 12) : spec.hostname();
        List<String> command = ProcessCommand.command(spec, image);
        ProcessSettings process = new ProcessSettings(command, ProcessCommand.environment(spec, image, hostname),
                ProcessCommand.workingDir(spec, image), hostname, spec.tty(), 0, 0);
        ContainerEntity container = newEntity(tenant, id, name, spec, image, command);
        return worker.create(tenant, id, name, image, OciSpec.of(process))
                .flatMap(created -> Panache.withTransaction(() -> container.persist()
                        .flatMap(saved -> events.publish(container, ContainerActions.CREATE))))
                .onFailure().call(failure -> undoCreate(tenant, id, failure))
                .invoke(relay::wakeUp)
                .replaceWith(container);
    }

    private Uni<String> pickName(TenantId tenant, String fixedName, int attempt) {
        String candidate = fixedName != null ? fixedName : ContainerNames.randomName(attempt);
        return Panache.withSession(() -> containers.byName(tenant, candidate)).flatMap(existing -> {
            if (existing == null) {
                return Uni.createFrom().item(candidate);
            }
            if (fixedName != null || attempt >= NAME_ATTEMPTS) {
                return Uni.createFrom().failure(nameInUse(candidate, existing.id));
            }
            return pickName(tenant, null, attempt + 1);
        });
    }

    private Uni<Void> undoCreate(TenantId tenant, String id, Throwable failure) {
        LOG.debugf("create of %s failed (%s); removing it from the worker", id, failure.getMessage());
        return worker.delete(tenant, id).onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> start(TenantId tenant, String ref) {
        return find(tenant, ref).flatMap(container -> {
            if (!container.state.canStart()) {
                return Uni.createFrom().failure(new NotModifiedException("container already started"));
            }
            return worker.start(tenant, container.id, container.run + 1)
                    .onFailure(e -> !(e instanceof NotModifiedException)).call(failure -> startFailed(tenant, container, failure))
                    .flatMap(started -> recordStart(container.id, started));
        }).invoke(relay::wakeUp);
    }

    private Uni<Void> recordStart(String id, WorkerStarted started) {
        return Panache.withTransaction(() -> locked(id).flatMap(container -> {
            if (container == null || container.run >= started.run()) {
                // The exit of this run was applied first and already told the start (see applyExit).
                return Uni.createFrom().voidItem();
            }
            container.state = ContainerState.RUNNING;
            container.run = started.run();
            container.pid = started.pid();
            container.startedAt = started.startedAt() == null ? Instant.now() : started.startedAt();
            container.exitCode = 0;
            container.error = "";
            return events.publish(container, ContainerActions.START);
        }));
    }

    /** Docker keeps the reason in State.Error and, with --rm, removes the container that could not start. */
    private Uni<Void> startFailed(TenantId tenant, ContainerEntity container, Throwable failure) {
        Uni<Void> recorded = Panache.withTransaction(() -> locked(container.id).invoke(locked -> {
            if (locked != null) {
                locked.error = failure.getMessage() == null ? "start failed" : failure.getMessage();
                locked.exitCode = 128;
            }
        })).replaceWithVoid();
        if (!container.autoRemove) {
            return recorded;
        }
        return recorded.flatMap(ignored -> remove(tenant, container.id, true)).onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> kill(TenantId tenant, String ref, String signal) {
        return find(tenant, ref).flatMap(container -> {
            if (!container.state.canBeSignalled()) {
                return Uni.createFrom().failure(new ConflictException(
                        "cannot kill container: " + ref + ": container " + container.id + " is not running"));
            }
            return worker.kill(tenant, container.id, signal == null || signal.isEmpty() ? "SIGKILL" : signal)
                    .flatMap(killed -> Panache.withTransaction(() -> events.publish(container, ContainerActions.KILL)));
        }).invoke(relay::wakeUp);
    }

    /** SIGTERM (or the image's stop signal), then SIGKILL after {@code timeout}; answers once it has exited. */
    public Uni<Void> stop(TenantId tenant, String ref, Duration timeout, String signal) {
        return find(tenant, ref).flatMap(container -> {
            if (!container.state.isRunning()) {
                return Uni.createFrom().failure(new NotModifiedException("container already stopped"));
            }
            String stopSignal = signal != null && !signal.isEmpty() ? signal : stopSignalOf(container);
            return signalAndWait(tenant, container, stopSignal, timeout)
                    .flatMap(code -> Panache.withTransaction(() -> events.publish(container, ContainerActions.STOP)));
        }).invoke(relay::wakeUp);
    }

    private Uni<Integer> signalAndWait(TenantId tenant, ContainerEntity container, String signal, Duration timeout) {
        ExitWaiters.Registration exit = waiters.nextExit(container.id);
        Uni<Integer> gracefully = worker.kill(tenant, container.id, signal)
                .onFailure(ConflictException.class).recoverWithNull()
                .flatMap(sent -> exit.exitCode().ifNoItem().after(timeout).recoverWithItem(() -> null));
        return gracefully.flatMap(code -> {
            if (code != null) {
                return Uni.createFrom().item(code);
            }
            return worker.kill(tenant, container.id, "SIGKILL").onFailure(ConflictException.class).recoverWithNull()
                    .flatMap(sent -> exit.exitCode().ifNoItem().after(KILL_GRACE)
                            .failWith(() -> new InternalException("container " + container.id + " did not exit after SIGKILL")));
        }).onTermination().invoke(exit.cancel());
    }

    public Uni<Void> remove(TenantId tenant, String ref, boolean force) {
        return find(tenant, ref).flatMap(container -> {
            if (container.state.isRunning() && !force) {
                return Uni.createFrom().failure(new ConflictException("cannot remove container \"/" + container.name
                        + "\": container is running: stop the container before removing or force remove"));
            }
            Uni<Integer> stopped = container.state.isRunning()
                    ? signalAndWait(tenant, container, "SIGKILL", KILL_GRACE)
                    : Uni.createFrom().item(container.exitCode);
            return stopped.flatMap(code -> worker.delete(tenant, container.id))
                    .flatMap(deleted -> Panache.withTransaction(() -> locked(container.id).flatMap(row -> row == null
                            ? Uni.createFrom().<Integer>nullItem()
                            : events.publish(row, ContainerActions.DESTROY).flatMap(v -> containers.deleteRow(row.id)).replaceWith(row.exitCode))))
                    .invoke(code -> {
                        if (code != null) {
                            waiters.removed(container.id, code);
                        }
                    })
                    .replaceWithVoid();
        }).invoke(relay::wakeUp);
    }

    /**
     * Applies a worker's report that a run ended, once per event id. Returns the container when this report
     * changed it, so the caller can wake waiters and auto-remove after the commit.
     */
    Uni<ContainerEntity> applyExit(String containerId, long run, int exitCode, Instant finishedAt) {
        return locked(containerId).flatMap(container -> {
            if (container == null || run < container.run) {
                return Uni.createFrom().nullItem();
            }
            Uni<Void> startTold = Uni.createFrom().voidItem();
            if (run > container.run) {
                // The exit overtook the start's own commit: tell the start here so events stay in order.
                container.run = run;
                container.startedAt = container.startedAt == null ? finishedAt : container.startedAt;
                startTold = events.publish(container, ContainerActions.START);
            }
            container.state = ContainerState.EXITED;
            container.exitCode = exitCode;
            container.pid = 0;
            Instant finished = finishedAt == null ? Instant.now() : finishedAt;
            // The worker stamps a start once `runc start` returned; a quick process may have ended before that.
            container.finishedAt = container.startedAt != null && finished.isBefore(container.startedAt) ? container.startedAt : finished;
            return startTold.flatMap(v -> events.died(container)).replaceWith(container);
        });
    }

    /** After an exit committed: wake its waiters, and remove the container if it was started with --rm. */
    Uni<Void> afterExit(ContainerEntity container) {
        waiters.exited(container.id, container.exitCode);
        relay.wakeUp();
        if (!container.autoRemove) {
            return Uni.createFrom().voidItem();
        }
        return remove(TenantId.of(container.tenant), container.id, true)
                .onFailure().invoke(e -> LOG.warnf("auto-remove of %s failed: %s", container.id, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<ContainerEntity> find(TenantId tenant, String ref) {
        return Panache.withSession(() -> containers.resolve(tenant, ref));
    }

    public Uni<List<ContainerEntity>> list(TenantId tenant) {
        return Panache.withSession(() -> containers.listFor(tenant));
    }

    private Uni<ContainerEntity> locked(String id) {
        return containers.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private String stopSignalOf(ContainerEntity container) {
        return "SIGTERM";
    }

    private ContainerEntity newEntity(TenantId tenant, String id, String name, ContainerSpec spec, ImageFacts image,
            List<String> command) {
        ContainerEntity container = new ContainerEntity();
        container.id = id;
        container.tenant = tenant.value();
        container.name = name;
        container.image = spec.image();
        container.imageId = image.id();
        container.configJson = write(spec);
        container.hostConfigJson = write(new HostSettings(spec.autoRemove(), spec.networkMode()));
        container.commandJson = write(command);
        container.state = ContainerState.CREATED;
        container.autoRemove = spec.autoRemove();
        container.node = worker.node();
        container.createdAt = Instant.now();
        return container;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot store container settings: " + e.getMessage(), e);
        }
    }

    private boolean isNameClash(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("container_name_unique")) {
                return true;
            }
        }
        return false;
    }

    private static ConflictException nameInUse(String name, String holder) {
        return new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by container \""
                + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    /** The HostConfig settings Berth keeps. */
    public record HostSettings(boolean autoRemove, String networkMode) {
    }
}
