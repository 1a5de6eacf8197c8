package io.berth.container.clients;

import java.util.List;

/**
 * A container's endpoint on one network as network-service gave it: the network's facts, the endpoint's id, address,
 * MAC and DNS aliases. container-service keeps it for inspect and passes it to the worker unchanged.
 */
public record NetworkAttachment(NetworkFacts network, String endpointId, String ipv4, int prefixLength, String mac,
        List<String> aliases) {

    public NetworkAttachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A network as a node sets it up. */
    public record NetworkFacts(String id, String name, String bridge, String subnet, String gateway, boolean internal,
            boolean dns, int mtu) {
    }
}
