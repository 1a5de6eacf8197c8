package io.berth.network.endpoints;

import java.util.List;

/**
 * A container's endpoint on one network as the node needs it to set the endpoint up: the network's facts (its bridge,
 * subnet, gateway, whether it is internal and whether names resolve on it), the endpoint's address, MAC and DNS
 * aliases. container-service passes it on to the runtime worker unchanged.
 */
public record Attachment(NetworkFacts network, String endpointId, String ipv4, int prefixLength, String mac,
        List<String> aliases) {

    public Attachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A network as a node sets it up: its Linux bridge, IPv4 subnet and gateway, MTU (0: the kernel's default). */
    public record NetworkFacts(String id, String name, String bridge, String subnet, String gateway, boolean internal,
            boolean dns, int mtu) {
    }
}
