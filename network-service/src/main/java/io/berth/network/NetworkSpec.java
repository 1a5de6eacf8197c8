package io.berth.network;

import java.util.Map;

/**
 * What a client asked a new network to be (Docker's {@code NetworkCreateRequest} in Berth's terms). The fields Berth
 * does not honour (ingress, config-only networks, IPv6) are refused before this is made, so they are not here.
 */
public record NetworkSpec(String name, String driver, boolean internal, boolean attachable, Ipam ipam,
        Map<String, String> options, Map<String, String> labels) {

    public NetworkSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ipam = ipam == null ? Ipam.none() : ipam;
    }
}
