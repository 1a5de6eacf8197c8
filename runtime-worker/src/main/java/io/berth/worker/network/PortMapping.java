package io.berth.worker.network;

/** A host port published to a container's port; {@code hostIp} {@code ""} is every address of the node. */
public record PortMapping(int containerPort, String protocol, String hostIp, int hostPort) {
}
