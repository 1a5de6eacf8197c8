package io.berth.container.service;

import io.berth.events.node.ContainerExited;
import io.berth.outbox.AppliedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records a worker's exit report exactly once, then lets the container's waiters go. */
@ApplicationScoped
public class ExitRecorder {
    private final AppliedEvents applied;
    private final ContainerService containers;

    ExitRecorder(AppliedEvents applied, ContainerService containers) {
        this.applied = applied;
        this.containers = containers;
    }

    public Uni<Void> record(String eventId, ContainerExited exit) {
        return Panache.withTransaction(() -> applied.firstTime(eventId).flatMap(first -> first
                        ? containers.applyExit(exit.containerId(), exit.run(), exit.exitCode(), exit.finishedAt())
                        : Uni.createFrom().nullItem()))
                .flatMap(changed -> changed == null ? Uni.createFrom().voidItem() : containers.afterExit(changed));
    }
}
