package io.berth.container.service;

import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerNodeContainer;
import io.berth.container.clients.WorkerRunStatus;
import io.berth.container.config.ContainerServiceConfig;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.events.node.ContainerExited;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the rows and the node agree after any crash (ARCHITECTURE rule 10): on start and every
 * {@code reconcile-interval}, the node's facts ({@code GET /node/containers}) are compared with the rows and each
 * difference is settled by the state machine's own moves: a start or removal in flight for longer than the grace is
 * finished by what the node says, an exit the control plane missed is applied, and a bundle without a row (seen so
 * twice) is removed. See docs/container-states.md, "After a crash".
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private final ContainerRepository containers;
    private final Worker worker;
    private final ContainerLifecycle lifecycle;
    private final ExitRecorder exits;
    private final Vertx vertx;
    private final Duration firstPass;
    private final Duration interval;
    private final Duration grace;
    /** Bundles the last pass found without a row: removed when the next pass finds them so again. */
    private Set<String> orphansSeen = Set.of();
    private long timer = -1;
    private volatile boolean stopping;

    Reconciler(ContainerRepository containers, Worker worker, ContainerLifecycle lifecycle, ExitRecorder exits,
            Vertx vertx, ContainerServiceConfig config) {
        this.containers = containers;
        this.worker = worker;
        this.lifecycle = lifecycle;
        this.exits = exits;
        this.vertx = vertx;
        this.firstPass = config.reconcileFirstPass();
        this.interval = config.reconcileInterval();
        this.grace = config.reconcileGrace();
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setTimer(firstPass.toMillis(), first -> {
            runNow();
            timer = vertx.setPeriodic(interval.toMillis(), next -> runNow());
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass, on a context of its own (Hibernate Reactive wants one); a failed pass is retried by the next. */
    private void runNow() {
        if (stopping) {
            return;
        }
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> reconcile().subscribe().with(
                done -> { },
                failure -> {
                    if (!stopping) {
                        LOG.warnf("reconciling with the node failed, the next pass retries: %s", failure.getMessage());
                    }
                }));
    }

    /** Compares the node's containers with the rows and settles every difference. */
    public Uni<Void> reconcile() {
        return worker.containers().flatMap(facts -> Panache.withSession(() -> containers.onNode(worker.node()))
                .flatMap(rows -> settleAll(rows, facts)));
    }

    private Uni<Void> settleAll(List<ContainerEntity> rows, List<WorkerNodeContainer> facts) {
        Map<String, WorkerNodeContainer> onNode = facts.stream()
                .collect(Collectors.toMap(WorkerNodeContainer::id, Function.identity(), (a, b) -> a));
        Set<String> withRows = rows.stream().map(row -> row.id).collect(Collectors.toSet());
        Set<String> orphans = new HashSet<>(onNode.keySet());
        orphans.removeAll(withRows);
        Set<String> removable = new HashSet<>(orphans);
        removable.retainAll(orphansSeen);
        orphansSeen = orphans;
        Instant settled = Instant.now().minus(grace);
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> settle(row, onNode.get(row.id), settled)
                        .onFailure().invoke(e -> LOG.warnf("cannot settle container %s yet: %s", row.id, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().asList()
                .flatMap(done -> Multi.createFrom().iterable(removable)
                        .onItem().transformToUniAndConcatenate(id -> removeOrphan(onNode.get(id)))
                        .collect().asList())
                .replaceWithVoid();
    }

    /** One row against the node's facts of it (null: the node has no bundle for it). */
    private Uni<Void> settle(ContainerEntity row, WorkerNodeContainer fact, Instant settled) {
        TenantId tenant = TenantId.of(row.tenant);
        WorkerRunStatus status = fact == null ? null : fact.status();
        boolean stale = row.stateChangedAt().isBefore(settled);
        return switch (row.state()) {
            case REMOVING -> stale ? finishRemoval(tenant, row) : none();
            case STARTING -> !stale ? none() : settleStart(tenant, row, status);
            case RUNNING, PAUSED, CREATED, EXITED -> status == null ? lost(row) : settleRun(row, status);
        };
    }

    private Uni<Void> finishRemoval(TenantId tenant, ContainerEntity row) {
        LOG.infof("container %s: finishing a removal that did not finish (a crash, or the worker was unreachable)", row.id);
        return lifecycle.finishRemoval(tenant, row.id);
    }

    /** A start that never heard back: the node's facts say whether the run began. */
    private Uni<Void> settleStart(TenantId tenant, ContainerEntity row, WorkerRunStatus status) {
        if (status != null && status.run() > row.run()) {
            LOG.infof("container %s: run %d began while its start was in flight; recording it", row.id, status.run());
            return WorkerRunStatus.RUNNING.equals(status.state()) ? lifecycle.recordStart(row.id, status)
                    : applyExit(row, status);
        }
        LOG.infof("container %s: its start was interrupted before the node began run %d", row.id, row.nextRun());
        return lifecycle.startFailed(tenant, row.id, new InternalException(
                "the start was interrupted before the node began the run; start the container again"));
    }

    /** A row with a bundle: an exit or a start the control plane missed is applied from the node's facts. */
    private Uni<Void> settleRun(ContainerEntity row, WorkerRunStatus status) {
        if (WorkerRunStatus.EXITED.equals(status.state()) && status.run() > 0
                && (row.state().isActive() || status.run() > row.run())) {
            LOG.infof("container %s: applying the end of run %d from the node's facts", row.id, status.run());
            return applyExit(row, status);
        }
        if (WorkerRunStatus.RUNNING.equals(status.state()) && status.run() > row.run()) {
            LOG.infof("container %s: recording run %d, which the node runs", row.id, status.run());
            return lifecycle.recordStart(row.id, status);
        }
        return none();
    }

    /** The exit as the worker reported (or will report) it: the same event id, so it is applied once. */
    private Uni<Void> applyExit(ContainerEntity row, WorkerRunStatus status) {
        int code = status.exitCode() == null ? 255 : status.exitCode();
        ContainerExited exit = new ContainerExited(row.node, row.id, status.run(), code, status.finishedAt());
        return exits.record(exit.eventId(), exit);
    }

    /** The node has nothing of a row's container (it was wiped): a run cannot be going on there. */
    private Uni<Void> lost(ContainerEntity row) {
        if (!row.state().isActive()) {
            LOG.warnf("container %s (%s) has no bundle on node %s; it cannot be started again, only removed", row.id,
                    row.name, row.node);
            return none();
        }
        ContainerExited exit = new ContainerExited(row.node, row.id, row.run(), 255, Instant.now());
        return exits.record(exit.eventId(), exit);
    }

    private Uni<Void> removeOrphan(WorkerNodeContainer fact) {
        TenantId tenant = fact.tenant() == null ? TenantId.DEFAULT : TenantId.of(fact.tenant());
        LOG.infof("removing container %s from the node: it has no row (a create or removal a crash interrupted)", fact.id());
        return worker.delete(tenant, fact.id()).onFailure()
                .invoke(e -> LOG.warnf("cannot remove orphan %s yet: %s", fact.id(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}
