package io.berth.network.endpoints;

import java.util.List;

/**
 * A container's start asking for its endpoints and host ports: the container's name (its DNS name on user networks),
 * the run being started (a later run's lease replaces an earlier one's; a run's end releases only its own), the
 * networks in order (the first is the one its default route and published ports go through) and the ports.
 */
public record LeaseRequest(String name, long run, List<EndpointRequest> networks, List<PortRequest> ports) {
    public LeaseRequest {
        networks = networks == null ? List.of() : List.copyOf(networks);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
