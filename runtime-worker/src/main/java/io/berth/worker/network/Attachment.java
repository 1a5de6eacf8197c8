package io.berth.worker.network;

import java.util.List;

/**
 * A container's endpoint on one network, as network-service gave it and container-service passes it on: the
 * network's Linux bridge, subnet, gateway, whether it is internal and whether names resolve on it (aardvark-dns), and
 * the endpoint's address, MAC and DNS aliases (docs/internal-api.md).
 */
public record Attachment(NetworkFacts network, String endpointId, String ipv4, int prefixLength, String mac,
        List<String> aliases) {

    public Attachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A network as the node sets it up; {@code mtu} 0 leaves the kernel's default. */
    public record NetworkFacts(String id, String name, String bridge, String subnet, String gateway, boolean internal,
            boolean dns, int mtu) {
    }
}
