package io.berth.network.endpoints;

/** A host port given to a container's port: where the node forwards {@code hostIp:hostPort} ({@code ""}: every address). */
public record PortMapping(int containerPort, String protocol, String hostIp, int hostPort) {
}
