package io.berth.container.events;

import io.berth.container.store.ContainerEntity;
import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerCommit;
import io.berth.events.container.ContainerDestroy;
import io.berth.events.container.ContainerDie;
import io.berth.events.container.ContainerEvent;
import io.berth.events.container.ContainerExec;
import io.berth.events.container.ContainerKill;
import io.berth.events.container.ContainerPrune;
import io.berth.events.container.ContainerRename;
import io.berth.events.container.ContainerResize;
import io.berth.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** create, start, stop: the container itself is the payload. */
    public Uni<Void> publish(ContainerEntity container, String action) {
        return add(container, action, new ContainerEvent(container.id, container.name, container.image, labels.of(container), container.imageId));
    }

    public Uni<Void> killed(ContainerEntity container, int signal) {
        return add(container, ContainerActions.KILL,
                new ContainerKill(container.id, container.name, container.image, labels.of(container), signal));
    }

    public Uni<Void> resized(ContainerEntity container, int height, int width) {
        return add(container, ContainerActions.RESIZE,
                new ContainerResize(container.id, container.name, container.image, labels.of(container), height, width));
    }

    /** commit: the image {@code docker commit} made of the container, and the reference it was tagged as. */
    public Uni<Void> committed(ContainerEntity container, String comment, String imageId, String imageRef) {
        return add(container, ContainerActions.COMMIT, new ContainerCommit(container.id, container.name,
                container.image, labels.of(container), comment, imageId, imageRef));
    }

    /** An exec session's event: its id, its command (exec_create, exec_start) or exit code (exec_die). */
    public Uni<Void> exec(ContainerEntity container, String action, String execId, String command, Integer exitCode) {
        return add(container, action, new ContainerExec(container.id, container.name, container.image,
                labels.of(container), execId, command, exitCode));
    }

    /** rename: the container under its new name, and the old one with Docker's slash. */
    public Uni<Void> renamed(ContainerEntity container, String oldName) {
        return add(container, ContainerActions.RENAME, new ContainerRename(container.id, container.name,
                container.image, labels.of(container), "/" + oldName));
    }

    public Uni<Void> died(ContainerEntity container) {
        return add(container, ContainerActions.DIE,
                new ContainerDie(container.id, container.name, container.image, labels.of(container), container.exitCode(),
                        container.run()));
    }

    public Uni<Void> destroyed(ContainerEntity container) {
        return destroyed(container, false);
    }

    /** destroy; {@code removeVolumes} tells volume-service to remove the container's anonymous volumes. */
    public Uni<Void> destroyed(ContainerEntity container, boolean removeVolumes) {
        return add(container, ContainerActions.DESTROY, new ContainerDestroy(container.id, container.name,
                container.image, labels.of(container), container.exitCode(), removeVolumes));
    }

    /** prune: no container is its subject (dockerd's actor has an empty id), only the bytes it freed. */
    public Uni<Void> pruned(io.berth.kit.tenant.TenantId tenant, long reclaimed) {
        return outbox.add(CloudEvent.of(SOURCE, EventKind.CONTAINER, ContainerActions.PRUNE, null, tenant.value(),
                new ContainerPrune(reclaimed)));
    }

    private Uni<Void> add(ContainerEntity container, String action, Object payload) {
        return outbox.add(CloudEvent.of(SOURCE, EventKind.CONTAINER, action, container.id, container.tenant, payload));
    }
}
