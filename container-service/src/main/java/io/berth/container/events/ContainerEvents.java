package io.berth.container.events;

import io.berth.container.store.ContainerEntity;
import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDie;
import io.berth.events.container.ContainerEvent;
import io.berth.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Writes container events to the outbox, inside the caller's transaction. */
@ApplicationScoped
public class ContainerEvents {
    static final String SOURCE = "/berth/container-service";

    private final Outbox outbox;
    private final ContainerLabels labels;

    ContainerEvents(Outbox outbox, ContainerLabels labels) {
        this.outbox = outbox;
        this.labels = labels;
    }

    /** create, start, kill, stop, destroy: the container itself is the payload. */
    public Uni<Void> publish(ContainerEntity container, String action) {
        ContainerEvent payload = new ContainerEvent(container.id, container.name, container.image, labels.of(container));
        return outbox.add(CloudEvent.of(SOURCE, EventKind.CONTAINER, action, container.id, container.tenant, payload));
    }

    public Uni<Void> died(ContainerEntity container) {
        Map<String, String> labelMap = labels.of(container);
        ContainerDie payload = new ContainerDie(container.id, container.name, container.image, labelMap, container.exitCode);
        return outbox.add(CloudEvent.of(SOURCE, EventKind.CONTAINER, ContainerActions.DIE, container.id, container.tenant, payload));
    }
}
