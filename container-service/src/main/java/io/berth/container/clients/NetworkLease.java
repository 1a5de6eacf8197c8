package io.berth.container.clients;

import java.util.List;

/** What a start was given by network-service: endpoints on the container's networks and its host ports. */
public record NetworkLease(List<NetworkAttachment> attachments, List<HostPort> ports) {
    public NetworkLease {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static NetworkLease none() {
        return new NetworkLease(List.of(), List.of());
    }

    /** A host port published to a container's port; {@code hostIp} {@code ""} is every address. */
    public record HostPort(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
