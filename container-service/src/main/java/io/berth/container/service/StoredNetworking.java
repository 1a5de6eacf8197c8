package io.berth.container.service;

import io.berth.container.ContainerNetworking;
import java.util.List;

/**
 * What container-service keeps of a container's networking: the settings its create asked for, the networks it is
 * on (resolved to ids, in order: the first carries the default route and the published ports, as the network mode
 * names it), and, for {@code container:<ref>}, the id of the container whose namespace it joins.
 */
public record StoredNetworking(ContainerNetworking requested, List<Network> networks, String joined) {
    public StoredNetworking {
        requested = requested == null ? ContainerNetworking.defaults() : requested;
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** The worker's name for the namespace the runs have (docs/internal-api.md). */
    public String namespace() {
        if (requested.isHost()) {
            return "host";
        }
        if (requested.isNone()) {
            return "private";
        }
        return joined != null ? "container:" + joined : "managed";
    }

    /** The image's exposed ports added to the asked ones (dockerd's merge at create). */
    StoredNetworking exposing(List<String> imagePorts) {
        return new StoredNetworking(requested.exposing(imagePorts), networks, joined);
    }

    StoredNetworking withNetworks(List<Network> changed) {
        return new StoredNetworking(requested, changed, joined);
    }

    /** One network the container is on, with the endpoint settings asked for it. */
    public record Network(String id, String name, boolean userDefined, List<String> aliases, String ipv4, String mac) {
        public Network {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }
}
