package io.berth.network.service;

import io.berth.network.store.EndpointEntity;
import io.berth.network.store.NetworkEntity;
import java.util.List;

/** A network with the endpoints of the containers running on it, as inspect shows them. */
public record NetworkDetails(NetworkEntity network, List<EndpointEntity> endpoints) {
    public NetworkDetails {
        endpoints = List.copyOf(endpoints);
    }
}
