package io.berth.container.service;

import io.berth.container.events.ContainerEvents;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerEntity.ExitOutcome;
import io.berth.container.store.ContainerRepository;
import io.berth.events.container.ContainerActions;
import io.berth.events.node.ContainerExited;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.AppliedEvents;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Records a run's end, a fact from the node, exactly once per event id: the row moves to exited (a start the exit
 * overtook is announced first, so the topic keeps create → start → die), then this replica's waiters are woken and
 * a container started with {@code --rm} is removed.
 */
@ApplicationScoped
public class ExitRecorder {
    private final AppliedEvents applied;
    private final ContainerRepository containers;
    private final ContainerEvents events;
    private final ContainerLifecycle lifecycle;
    private final ExitWaiters waiters;
    private final OutboxRelay relay;

    ExitRecorder(AppliedEvents applied, ContainerRepository containers, ContainerEvents events,
            ContainerLifecycle lifecycle, ExitWaiters waiters, OutboxRelay relay) {
        this.applied = applied;
        this.containers = containers;
        this.events = events;
        this.lifecycle = lifecycle;
        this.waiters = waiters;
        this.relay = relay;
    }

    public Uni<Void> record(String eventId, ContainerExited exit) {
        return Panache.withTransaction(() -> applied.firstTime(eventId).flatMap(first -> first
                        ? apply(exit.containerId(), exit.run(), exit.exitCode(), exit.finishedAt())
                        : Uni.createFrom().<ContainerEntity>nullItem()))
                .flatMap(changed -> changed == null ? Uni.createFrom().voidItem() : afterExit(changed));
    }

    /** The row this exit changed, or null when it was stale or the container is gone. */
    private Uni<ContainerEntity> apply(String id, long run, int exitCode, Instant finishedAt) {
        return containers.lock(id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            ExitOutcome outcome = row.markExited(run, exitCode, finishedAt == null ? Instant.now() : finishedAt);
            if (outcome == ExitOutcome.STALE) {
                return Uni.createFrom().nullItem();
            }
            Uni<Void> startTold = outcome == ExitOutcome.APPLIED_WITH_START
                    ? events.publish(row, ContainerActions.START)
                    : Uni.createFrom().voidItem();
            return startTold.flatMap(v -> events.died(row)).replaceWith(row);
        });
    }

    /** After the exit committed: wake this replica's waiters, and remove the container if it was started with --rm. */
    private Uni<Void> afterExit(ContainerEntity container) {
        waiters.exited(container.id, container.exitCode());
        relay.wakeUp();
        if (!container.autoRemove) {
            return Uni.createFrom().voidItem();
        }
        return lifecycle.removeQuietly(TenantId.of(container.tenant), container.id);
    }
}
