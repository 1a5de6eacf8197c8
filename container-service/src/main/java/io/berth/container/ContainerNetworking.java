package io.berth.container;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a client asked a container to be networked (the network parts of Docker's {@code HostConfig},
 * {@code NetworkingConfig} and {@code Config}, in Berth's terms): the network mode ({@code bridge} for dockerd's
 * {@code default}, {@code none}, {@code host}, {@code container:<ref>}, or a user network by name or id), the
 * endpoint settings per network, the published and exposed ports, and the DNS and {@code /etc/hosts} settings.
 */
public record ContainerNetworking(
        String mode,
        Map<String, EndpointSettings> endpoints,
        Map<String, List<PortBinding>> portBindings,
        Set<String> exposedPorts,
        boolean publishAllPorts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        List<String> extraHosts,
        String macAddress) {

    public ContainerNetworking {
        mode = mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        portBindings = portBindings == null ? Map.of() : Map.copyOf(portBindings);
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        macAddress = macAddress == null || macAddress.isEmpty() ? null : macAddress;
    }

    /** A container created without any network setting: dockerd's default bridge. */
    public static ContainerNetworking defaults() {
        return new ContainerNetworking(null, null, null, null, false, null, null, null, null, null);
    }

    /**
     * These settings with the image's exposed ports added, as dockerd merges the image's {@code ExposedPorts} into the
     * container's config at create (and {@code -P} publishes them all).
     */
    public ContainerNetworking exposing(Collection<String> imagePorts) {
        Set<String> all = new TreeSet<>(exposedPorts);
        all.addAll(imagePorts);
        return new ContainerNetworking(mode, endpoints, portBindings, all, publishAllPorts, dns, dnsSearch, dnsOptions,
                extraHosts, macAddress);
    }

    public boolean isHost() {
        return mode.equals("host");
    }

    public boolean isNone() {
        return mode.equals("none");
    }

    /** {@code container:<ref>}: the runs share another container's network namespace. */
    public boolean isContainer() {
        return mode.startsWith("container:");
    }

    /** Whether the container is on bridge networks (the default one, or user networks). */
    public boolean onNetworks() {
        return !isHost() && !isNone() && !isContainer();
    }

    /** What a container asks of its endpoint on one network. */
    public record EndpointSettings(List<String> aliases, String ipv4Address, String macAddress) {
        public EndpointSettings {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            ipv4Address = ipv4Address == null || ipv4Address.isEmpty() ? null : ipv4Address;
            macAddress = macAddress == null || macAddress.isEmpty() ? null : macAddress;
        }
    }

    /** One host binding of a published port: the address ({@code ""}: every one) and the port ({@code ""}: any). */
    public record PortBinding(String hostIp, String hostPort) {
        public PortBinding {
            hostIp = hostIp == null ? "" : hostIp;
            hostPort = hostPort == null ? "" : hostPort;
        }
    }
}
