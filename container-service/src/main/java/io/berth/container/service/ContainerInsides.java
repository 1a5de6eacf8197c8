package io.berth.container.service;

import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerChange;
import io.berth.container.clients.WorkerProcesses;
import io.berth.container.events.ContainerEvents;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Looking inside a container from its node: its processes ({@code docker top}, announced with a {@code top} event as
 * dockerd does), its change ({@code docker diff}), and the {@code export} event once its root went out. Docker's
 * 409 {@code Container <id> is not running} where only a live run can answer.
 */
@ApplicationScoped
public class ContainerInsides {
    private static final Logger LOG = Logger.getLogger(ContainerInsides.class);
    private final ContainerLookup lookup;
    private final Worker worker;
    private final ContainerEvents events;
    private final OutboxRelay relay;

    ContainerInsides(ContainerLookup lookup, Worker worker, ContainerEvents events, OutboxRelay relay) {
        this.lookup = lookup;
        this.worker = worker;
        this.events = events;
        this.relay = relay;
    }

    /** The live run's processes as the node's ps lists them with {@code psArgs} (checked by the caller). */
    public Uni<WorkerProcesses> top(TenantId tenant, String ref, String psArgs) {
        return lookup.find(tenant, ref).flatMap(container -> {
            if (!container.state().isRunning()) {
                return Uni.createFrom().failure(notRunning(container.id));
            }
            return worker.top(tenant, container.id, psArgs)
                    .onFailure(ConflictException.class).transform(e -> notRunning(container.id))
                    .call(processes -> announce(container, "top"));
        });
    }

    /** The container's change to its image; null when there is none, as dockerd answers. */
    public Uni<List<WorkerChange>> changes(TenantId tenant, String ref) {
        return lookup.find(tenant, ref).flatMap(container -> worker.changes(tenant, container.id))
                .map(changes -> changes == null || changes.isEmpty() ? null : changes);
    }

    /** Writes an event of the container ({@code export} after its root went out); a failure is only logged. */
    public Uni<Void> announce(ContainerEntity container, String action) {
        return Panache.withTransaction(() -> events.publish(container, action))
                .invoke(relay::wakeUp)
                .onFailure().invoke(e -> LOG.warnf("%s event of %s not written: %s", action, container.id, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public static ConflictException notRunning(String id) {
        return new ConflictException("Container " + id + " is not running");
    }
}
