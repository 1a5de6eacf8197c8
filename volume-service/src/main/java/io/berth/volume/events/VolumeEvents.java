package io.berth.volume.events;

import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.volume.VolumeActions;
import io.berth.events.volume.VolumeEvent;
import io.berth.events.volume.VolumeMount;
import io.berth.events.volume.VolumePrune;
import io.berth.events.volume.VolumeUnmount;
import io.berth.outbox.Outbox;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeUseEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes volume events to the outbox, inside the caller's transaction; the subject is the volume's name. */
@ApplicationScoped
public class VolumeEvents {
    static final String SOURCE = "/berth/volume-service";

    private final Outbox outbox;

    VolumeEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(VolumeEntity volume) {
        return add(volume.tenant, VolumeActions.CREATE, volume.name, new VolumeEvent(volume.name, volume.driver));
    }

    public Uni<Void> destroyed(VolumeEntity volume) {
        return add(volume.tenant, VolumeActions.DESTROY, volume.name, new VolumeEvent(volume.name, volume.driver));
    }

    public Uni<Void> mounted(VolumeEntity volume, VolumeUseEntity use) {
        return add(volume.tenant, VolumeActions.MOUNT, volume.name, new VolumeMount(volume.name, volume.driver,
                use.containerId, use.destination, use.propagation, use.readWrite));
    }

    public Uni<Void> unmounted(VolumeEntity volume, VolumeUseEntity use) {
        return add(volume.tenant, VolumeActions.UNMOUNT, volume.name,
                new VolumeUnmount(volume.name, volume.driver, use.containerId));
    }

    /** dockerd announces a prune with no actor and what it freed (daemon/prune.go). */
    public Uni<Void> pruned(String tenant, long reclaimed) {
        return add(tenant, VolumeActions.PRUNE, null, new VolumePrune(reclaimed));
    }

    private Uni<Void> add(String tenant, String action, String subject, Object payload) {
        return outbox.add(CloudEvent.of(SOURCE, EventKind.VOLUME, action, subject, tenant, payload));
    }
}
