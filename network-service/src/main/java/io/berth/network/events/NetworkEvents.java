package io.berth.network.events;

import io.berth.events.CloudEvent;
import io.berth.events.EventKind;
import io.berth.events.network.NetworkEndpointEvent;
import io.berth.events.network.NetworkEvent;
import io.berth.network.store.NetworkEntity;
import io.berth.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes network events to the outbox, inside the caller's transaction. */
@ApplicationScoped
public class NetworkEvents {
    static final String SOURCE = "/berth/network-service";

    private final Outbox outbox;

    NetworkEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** create, destroy: the network itself is the payload. */
    public Uni<Void> publish(NetworkEntity network, String action) {
        return add(network, action, new NetworkEvent(network.id, network.name, network.driver));
    }

    /** connect, disconnect: the network and the container whose endpoint joined or left it. */
    public Uni<Void> endpoint(NetworkEntity network, String action, String container) {
        return add(network, action, new NetworkEndpointEvent(network.id, network.name, network.driver, container));
    }

    private Uni<Void> add(NetworkEntity network, String action, Object payload) {
        return outbox.add(CloudEvent.of(SOURCE, EventKind.NETWORK, action, network.id, network.tenant, payload));
    }
}
