package io.berth.container.service;

import io.berth.container.ContainerSpec;
import io.berth.container.ContainerState;
import io.berth.container.clients.NetworkLease;
import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerRunStatus;
import io.berth.container.config.ContainerServiceConfig;
import io.berth.container.events.ContainerEvents;
import io.berth.container.events.ContainerLabels;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.events.container.ContainerActions;
import io.berth.kit.api.CallerContext;
import io.berth.kit.api.Signals;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotModifiedException;
import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The verbs of a container's life: start, stop, restart, kill, pause, unpause, remove. Every move of its state is made on the locked row
 * and committed, with its event, before the worker is asked to act; the worker's answer (or its later exit fact) is
 * recorded the same way. So two verbs at one container never interleave their moves, and a crash in between leaves
 * a state the reconciler can settle.
 */
@ApplicationScoped
public class ContainerLifecycle {
    private static final Logger LOG = Logger.getLogger(ContainerLifecycle.class);
    /** Docker's wait before SIGKILL when neither the call nor the container says. */
    private static final int DEFAULT_STOP_SECONDS = 10;
    /** A negative timeout means "wait for ever" in Docker; Berth caps it at a day. */
    private static final int FOR_EVER_SECONDS = 86_400;

    private final ContainerRepository containers;
    private final ContainerLookup lookup;
    private final Worker worker;
    private final ContainerEvents events;
    private final OutboxRelay relay;
    private final ExitWaiters waiters;
    private final Duration killGrace;
    private final NetworkAttachments attachments;
    private final ContainerLabels stored;

    ContainerLifecycle(ContainerRepository containers, ContainerLookup lookup, Worker worker, ContainerEvents events,
            OutboxRelay relay, ExitWaiters waiters, ContainerServiceConfig config, NetworkAttachments attachments,
            ContainerLabels stored) {
        this.stored = stored;
        this.attachments = attachments;
        this.containers = containers;
        this.lookup = lookup;
        this.worker = worker;
        this.events = events;
        this.relay = relay;
        this.waiters = waiters;
        this.killGrace = config.killGrace();
    }

    /**
     * Commits {@code starting}, has network-service lease the run's endpoints and host ports (none off networks),
     * asks the worker for the next run with them, records what it answered. A start that fails gives the lease back.
     */
    public Uni<Void> start(TenantId tenant, String ref) {
        return lookup.find(tenant, ref)
                .flatMap(found -> move(found.id, ref, ContainerEntity::markStarting))
                .flatMap(starting -> attachments.lease(tenant, starting, starting.nextRun())
                        .flatMap(network -> worker.start(tenant, starting.id, starting.nextRun(), network.plan())
                                .onFailure().call(failure -> attachments.release(tenant, starting.id, starting.nextRun()))
                                .flatMap(started -> recordStart(starting.id, started, network.lease())))
                        .onFailure().call(failure -> startFailed(tenant, starting.id, failure)))
                .invoke(relay::wakeUp);
    }

    Uni<Void> recordStart(String id, WorkerRunStatus started) {
        return recordStart(id, started, NetworkLease.none());
    }

    private Uni<Void> recordStart(String id, WorkerRunStatus started, NetworkLease lease) {
        return Panache.withTransaction(() -> containers.lock(id).flatMap(row -> {
            Instant at = started.startedAt() == null ? Instant.now() : started.startedAt();
            if (row == null || !row.markRunning(started.run(), (int) started.pid(), at)) {
                // Removed meanwhile (the removal killed the run), or the run's exit came first and told the start.
                return Uni.createFrom().voidItem();
            }
            row.leaseJson = attachments.write(lease);
            return events.publish(row, ContainerActions.START);
        }));
    }

    /** Docker keeps the reason in State.Error and, with --rm, removes the container that could not start. */
    Uni<Void> startFailed(TenantId tenant, String id, Throwable failure) {
        String reason = failure.getMessage() == null ? "start failed" : failure.getMessage();
        return Panache.withTransaction(() -> containers.lock(id).invoke(row -> {
            if (row != null) {
                row.markStartFailed(reason, StartFailures.exitCode(reason));
            }
        })).flatMap(row -> row != null && row.autoRemove && !row.state().isActive()
                ? removeQuietly(tenant, id)
                : Uni.createFrom().voidItem());
    }

    /** Sends a signal (SIGKILL unless named); Docker's 409 when nothing runs. */
    public Uni<Void> kill(TenantId tenant, String ref, String signal) {
        int number = Signals.parse(signal == null || signal.isEmpty() ? "SIGKILL" : signal);
        return lookup.find(tenant, ref)
                .flatMap(container -> signal(tenant, container.id, number, stopSignal(container), false)
                        .onFailure(ConflictException.class).transform(e -> notRunning(ref, container.id))
                        .flatMap(over -> over != null
                                ? Uni.createFrom().<Void>failure(notRunning(ref, container.id))
                                : Uni.createFrom().voidItem()))
                .invoke(relay::wakeUp);
    }

    /**
     * Resizes the live run's terminal and announces it; 409 in dockerd's words when nothing runs. A container without
     * a terminal takes the call and nothing changes, as with dockerd.
     */
    public Uni<Void> resize(TenantId tenant, String ref, int height, int width) {
        return lookup.find(tenant, ref).flatMap(container -> {
            if (!container.state().isRunning()) {
                return Uni.createFrom().<Void>failure(new ConflictException("Container " + container.id + " is not running"));
            }
            return worker.resize(tenant, container.id, height, width)
                    .onFailure(ConflictException.class)
                    .transform(e -> new ConflictException("Container " + container.id + " is not running"))
                    .flatMap(done -> Panache.withTransaction(() -> events.resized(container, height, width)))
                    .invoke(relay::wakeUp);
        });
    }

    /**
     * The container's stop signal (the one asked for, else the create's or its image's, else SIGTERM), then SIGKILL
     * after {@code seconds} (null: the container's StopTimeout, else Docker's 10; negative: for ever, which Berth caps
     * at a day); answers once it exited.
     */
    public Uni<Void> stop(TenantId tenant, String ref, Integer seconds, String signal) {
        Integer asked = signal != null && !signal.isEmpty() ? Signals.parse(signal) : null;
        return lookup.find(tenant, ref).flatMap(container -> {
            if (!container.hasLiveRun()) {
                return Uni.createFrom().failure(new NotModifiedException("container already stopped"));
            }
            return stopRun(tenant, container, seconds, asked);
        }).invoke(relay::wakeUp);
    }

    /**
     * {@code docker restart}: stops the container as {@code stop} does when it runs (paused included), then starts
     * it, and announces {@code restart} after the {@code start}, as dockerd does (moby daemon/restart.go).
     */
    public Uni<Void> restart(TenantId tenant, String ref, Integer seconds, String signal) {
        Integer asked = signal != null && !signal.isEmpty() ? Signals.parse(signal) : null;
        return lookup.find(tenant, ref)
                .flatMap(container -> (container.hasLiveRun() ? stopRun(tenant, container, seconds, asked)
                        : Uni.createFrom().voidItem())
                        .flatMap(stopped -> start(tenant, container.id))
                        .flatMap(started -> Panache.withTransaction(() -> containers.lock(container.id)
                                .flatMap(row -> row == null ? Uni.createFrom().voidItem()
                                        : events.publish(row, ContainerActions.RESTART)))))
                .invoke(relay::wakeUp);
    }

    private Uni<Void> stopRun(TenantId tenant, ContainerEntity container, Integer seconds, Integer asked) {
        ContainerSpec spec = stored.spec(container);
        int stopSignal = asked != null ? asked : stopSignal(container);
        int wait = seconds != null ? seconds : spec.stopTimeout() != null ? spec.stopTimeout() : DEFAULT_STOP_SECONDS;
        Duration timeout = Duration.ofSeconds(wait < 0 ? FOR_EVER_SECONDS : wait);
        return signalAndWait(tenant, container.id, stopSignal, timeout, stopSignal(container))
                .flatMap(code -> Panache.withTransaction(() -> containers.lock(container.id)
                        .flatMap(row -> row == null ? Uni.createFrom().voidItem() : events.publish(row, ContainerActions.STOP))));
    }

    /**
     * {@code docker pause}: the worker freezes the run's processes (the cgroup freezer, through the OCI runtime),
     * then the row moves to paused with its event. Docker 20.10's words and statuses for what cannot be paused.
     */
    public Uni<Void> pause(TenantId tenant, String ref) {
        return lookup.find(tenant, ref).flatMap(found -> Panache.withTransaction(() -> containers.lock(found.id)
                .flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().<Void>failure(ContainerRepository.noSuch(ref));
                    }
                    if (row.state() == ContainerState.PAUSED) {
                        return Uni.createFrom().<Void>failure(new ConflictException("Container " + row.id
                                + " is already paused"));
                    }
                    if (row.state() != ContainerState.RUNNING) {
                        return Uni.createFrom().<Void>failure(new ConflictException("Container " + row.id
                                + " is not running"));
                    }
                    // Frozen under the row's lock: a stop or kill meanwhile waits, and sees it paused.
                    return worker.pause(tenant, row.id)
                            .onFailure(ConflictException.class)
                            .transform(e -> new ConflictException("Container " + row.id + " is not running"))
                            .flatMap(frozen -> {
                                row.markPaused();
                                return events.publish(row, ContainerActions.PAUSE);
                            });
                })))
                .invoke(relay::wakeUp);
    }

    /** {@code docker unpause}: thaws what pause froze; dockerd 20.10's 500 {@code Container <id> is not paused}. */
    public Uni<Void> unpause(TenantId tenant, String ref) {
        return lookup.find(tenant, ref).flatMap(found -> Panache.withTransaction(() -> containers.lock(found.id)
                .flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().<Void>failure(ContainerRepository.noSuch(ref));
                    }
                    if (row.state() != ContainerState.PAUSED) {
                        return Uni.createFrom().<Void>failure(new InternalException("Container " + row.id
                                + " is not paused"));
                    }
                    return worker.resume(tenant, row.id).flatMap(thawed -> {
                        row.markUnpaused();
                        return events.publish(row, ContainerActions.UNPAUSE);
                    });
                })))
                .invoke(relay::wakeUp);
    }

    /**
     * Commits {@code removing} (a running container needs {@code force} and is killed first), then has the worker
     * delete it, then deletes the row with its {@code destroy} event. A removal the worker could not finish stays
     * {@code removing}, and the reconciler finishes it.
     */
    public Uni<Void> remove(TenantId tenant, String ref, boolean force) {
        return remove(tenant, ref, force, false);
    }

    /** The same; with {@code removeVolumes} ({@code docker rm -v}) the container's anonymous volumes go too. */
    public Uni<Void> remove(TenantId tenant, String ref, boolean force, boolean removeVolumes) {
        return lookup.find(tenant, ref)
                .flatMap(found -> Panache.withTransaction(() -> containers.lock(found.id).map(row -> {
                    if (row == null) {
                        throw ContainerRepository.noSuch(ref);
                    }
                    // A frozen run takes its SIGKILL once thawed; the row is removing by then, so say it here.
                    boolean frozen = row.state() == ContainerState.PAUSED;
                    return !row.markRemoving(force) ? Removal.NO_PROCESS : frozen ? Removal.FROZEN : Removal.PROCESS;
                })).flatMap(removal -> (removal != Removal.NO_PROCESS ? signalAndWait(tenant, found.id, Signals.SIGKILL,
                                killGrace, Signals.SIGKILL, removal == Removal.FROZEN)
                        : Uni.createFrom().<Integer>nullItem()).flatMap(code -> finishRemoval(tenant, found.id, removeVolumes))))
                .invoke(relay::wakeUp);
    }

    /** What a removal found to end first. */
    private enum Removal { NO_PROCESS, PROCESS, FROZEN }

    /** An auto-remove after an exit, or one the reconciler retries: failures are logged, the row stays removing. */
    Uni<Void> removeQuietly(TenantId tenant, String id) {
        return Panache.withTransaction(() -> containers.lock(id).invoke(row -> {
            if (row != null && row.state() != ContainerState.REMOVING) {
                row.markRemoving(true);
            }
        })).flatMap(row -> row == null ? Uni.createFrom().voidItem() : finishRemoval(tenant, id))
                .onFailure().invoke(e -> LOG.warnf("removal of %s not finished yet, the reconciler retries it: %s", id,
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .invoke(relay::wakeUp);
    }

    /** The worker deletes what is on the node (killing what still runs), then the row goes with its event. */
    Uni<Void> finishRemoval(TenantId tenant, String id) {
        return finishRemoval(tenant, id, false);
    }

    /**
     * The same; the destroy event says whether the container's anonymous volumes go with it: asked for
     * ({@code rm -v}), or a container made with {@code --rm}, whose anonymous volumes Docker removes with it.
     */
    Uni<Void> finishRemoval(TenantId tenant, String id, boolean removeVolumes) {
        return worker.delete(tenant, id)
                .onFailure(UnavailableException.class).transform(e -> new UnavailableException(e.getMessage()
                        + "; the container is marked for removal, and Berth removes it once the worker answers again", e))
                .flatMap(deleted -> Panache.withTransaction(() -> containers.lock(id).flatMap(row -> row == null
                        ? Uni.createFrom().<ContainerEntity>nullItem()
                        : events.destroyed(row, removeVolumes || row.autoRemove)
                                .flatMap(v -> containers.deleteRow(row.id)).replaceWith(row))))
                .invoke(row -> {
                    if (row != null) {
                        waiters.removed(id, row.exitCode());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Signals, waits for the exit for {@code timeout}, then SIGKILL and waits once more; the exit code. The waiter is
     * registered before the row is looked at, so an exit applied meanwhile is either seen there or wakes it.
     */
    private Uni<Integer> signalAndWait(TenantId tenant, String id, int signal, Duration timeout, int stopSignal) {
        return signalAndWait(tenant, id, signal, timeout, stopSignal, false);
    }

    /** The same; {@code thaw} has the worker thaw the run after the signal whatever the row says. */
    private Uni<Integer> signalAndWait(TenantId tenant, String id, int signal, Duration timeout, int stopSignal,
            boolean thaw) {
        ExitWaiters.Registration exit = waiters.nextExit(id);
        Executor caller = CallerContext.current();
        return signal(tenant, id, signal, stopSignal, thaw).onFailure(ConflictException.class).recoverWithNull()
                .flatMap(over -> over != null ? Uni.createFrom().item(over)
                        : exit.exitCode().ifNoItem().after(timeout).recoverWithItem(() -> null).emitOn(caller))
                .flatMap(code -> code != null ? Uni.createFrom().item(code) : escalate(tenant, id, signal)
                        .flatMap(over -> over != null ? Uni.createFrom().item(over) : exit.exitCode()
                                .ifNoItem().after(killGrace)
                                .failWith(() -> new InternalException("container " + id + " did not exit after SIGKILL"))
                                .emitOn(caller)))
                .onTermination().invoke(exit.cancel());
    }

    /** After a grace period in vain: SIGKILL, unless that was what was sent. */
    private Uni<Integer> escalate(TenantId tenant, String id, int sent) {
        return sent == Signals.SIGKILL ? Uni.createFrom().nullItem()
                : signal(tenant, id, Signals.SIGKILL, Signals.SIGKILL, false).onFailure(ConflictException.class).recoverWithNull();
    }

    /**
     * Announces the kill (before the die it causes) and has the worker send it: null once sent, or the exit code when
     * the run is already over (its exit applied), and nothing is sent.
     */
    private Uni<Integer> signal(TenantId tenant, String id, int signal, int stopSignal, boolean thawAnyway) {
        boolean[] thaw = {thawAnyway};
        return Panache.withTransaction(() -> containers.lock(id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new ConflictException("container " + id + " is gone"));
            }
            if (!row.hasLiveRun()) {
                return Uni.createFrom().item(row.exitCode());
            }
            Uni<Void> killed = events.killed(row, signal);
            if (row.state() == ContainerState.PAUSED && thaws(signal, stopSignal)) {
                // The move is committed before the worker acts, as every move: kill, then unpause, as dockerd sends.
                thaw[0] = true;
                row.markUnpaused();
                killed = killed.flatMap(v -> events.publish(row, ContainerActions.UNPAUSE));
            }
            return killed.replaceWith((Integer) null);
        })).invoke(relay::wakeUp).flatMap(over -> over != null ? Uni.createFrom().item(over)
                : worker.kill(tenant, id, Integer.toString(signal))
                        .call(sent -> thaw[0] ? thaw(tenant, id) : Uni.createFrom().voidItem())
                        .replaceWith((Integer) null));
    }

    /**
     * Whether a signal to a paused container thaws it, as dockerd's kill does (moby daemon/kill.go): SIGKILL and the
     * container's stop signal do; a container whose stop signal is SIGTERM (none set) is thawed by any signal.
     */
    static boolean thaws(int signal, int stopSignal) {
        return signal == Signals.SIGKILL || signal == stopSignal || stopSignal == Signals.SIGTERM;
    }

    /** After the signal, the worker thaws the run so that it takes it (dockerd resumes after its kill too). */
    private Uni<Void> thaw(TenantId tenant, String id) {
        return worker.resume(tenant, id)
                .onFailure().invoke(e -> LOG.warnf("cannot unpause container %s after its kill: %s", id, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The signal {@code docker stop} sends it: the create's, else its image's STOPSIGNAL, else SIGTERM. */
    private int stopSignal(ContainerEntity container) {
        String signal = stored.spec(container).stopSignal();
        return signal == null ? Signals.SIGTERM : Signals.parse(signal);
    }

    /** Locks the row, makes one move, commits; the moved row, or Docker's 404 when it is gone. */
    private Uni<ContainerEntity> move(String id, String ref, Consumer<ContainerEntity> change) {
        return Panache.withTransaction(() -> containers.lock(id).map(row -> {
            if (row == null) {
                throw ContainerRepository.noSuch(ref);
            }
            change.accept(row);
            return row;
        }));
    }

    private static ConflictException notRunning(String ref, String id) {
        return new ConflictException("cannot kill container: " + ref + ": container " + id + " is not running");
    }
}
