package io.berth.network.endpoints;

import java.util.List;

/**
 * What a container asks of its endpoint on one network (Docker's {@code EndpointSettings} as a create or connect
 * gives them): the network by id or name, DNS aliases, a fixed IPv4 address and a MAC, each optional.
 */
public record EndpointRequest(String network, List<String> aliases, String ipv4, String mac) {
    public EndpointRequest {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        ipv4 = ipv4 == null || ipv4.isEmpty() ? null : ipv4;
        mac = mac == null || mac.isEmpty() ? null : mac;
    }
}
