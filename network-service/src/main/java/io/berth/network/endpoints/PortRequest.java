package io.berth.network.endpoints;

/**
 * One port a container asks to publish (an entry of Docker's {@code HostConfig.PortBindings}): its port and protocol,
 * the host address ({@code ""} for every address) and the host port: a number, a range {@code "8000-8010"} (the first
 * free one) or {@code ""} (any free one).
 */
public record PortRequest(int containerPort, String protocol, String hostIp, String hostPort) {
    public PortRequest {
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
        hostIp = hostIp == null ? "" : hostIp;
        hostPort = hostPort == null ? "" : hostPort;
    }
}
