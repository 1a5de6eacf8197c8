package io.berth.container.api;

import io.berth.container.ContainerNetworking;
import io.berth.container.clients.NetworkAttachment;
import io.berth.container.clients.NetworkLease;
import io.berth.container.service.StoredNetworking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A container's networking in Docker's wire shapes: inspect's {@code NetworkSettings} (with the legacy top-level
 * fields filled for the default bridge only, as dockerd does) and the network fields of {@code HostConfig}, and
 * {@code docker ps}'s {@code Ports} and {@code NetworkSettings}. Addresses, endpoints and host ports show while a run
 * holds them; a container that does not run shows its networks with the operational fields empty, as dockerd's do.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerInspect">ContainerInspect</a>
 */
final class NetworkSettingsView {
    private NetworkSettingsView() {
    }

    static Map<String, Object> inspect(String containerId, StoredNetworking stored, NetworkLease lease, boolean running) {
        NetworkLease live = running ? lease : NetworkLease.none();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("Bridge", "");
        settings.put("SandboxID", running && stored.requested().onNetworks() ? containerId : "");
        settings.put("HairpinMode", false);
        settings.put("LinkLocalIPv6Address", "");
        settings.put("LinkLocalIPv6PrefixLen", 0);
        settings.put("Ports", running ? ports(stored.requested(), live) : Map.of());
        settings.put("SandboxKey", "");
        settings.put("SecondaryIPAddresses", null);
        settings.put("SecondaryIPv6Addresses", null);
        Map<String, Object> networks = networks(containerId, stored, live);
        // The deprecated top-level fields describe the endpoint on the default bridge, and only that one.
        @SuppressWarnings("unchecked")
        Map<String, Object> bridge = (Map<String, Object>) networks.getOrDefault("bridge", endpoint(null, null, null));
        for (String field : List.of("EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress",
                "IPPrefixLen", "IPv6Gateway", "MacAddress")) {
            settings.put(field, bridge.get(field));
        }
        settings.put("Networks", networks);
        return settings;
    }

    /** The network fields of inspect's {@code HostConfig}, as the create gave them. */
    static void hostConfig(Map<String, Object> hostConfig, ContainerNetworking requested) {
        hostConfig.put("NetworkMode", requested.mode().equals("bridge") && !requested.endpoints().containsKey("bridge")
                ? "default" : requested.mode());
        Map<String, Object> bindings = new TreeMap<>();
        requested.portBindings().forEach((port, list) -> bindings.put(port, list.stream()
                .map(b -> Map.of("HostIp", b.hostIp(), "HostPort", b.hostPort())).toList()));
        hostConfig.put("PortBindings", bindings);
        hostConfig.put("PublishAllPorts", requested.publishAllPorts());
        hostConfig.put("Dns", requested.dns());
        hostConfig.put("DnsOptions", requested.dnsOptions());
        hostConfig.put("DnsSearch", requested.dnsSearch());
        hostConfig.put("ExtraHosts", requested.extraHosts().isEmpty() ? null : requested.extraHosts());
        hostConfig.put("Links", null);
    }

    /** {@code Config.ExposedPorts}: the exposed ports and the published ones (dockerd exposes what it publishes). */
    static Map<String, Object> exposedPorts(ContainerNetworking requested) {
        TreeSet<String> ports = new TreeSet<>(requested.exposedPorts());
        ports.addAll(requested.portBindings().keySet());
        Map<String, Object> exposed = new TreeMap<>();
        ports.forEach(port -> exposed.put(port, Map.of()));
        return exposed.isEmpty() ? null : exposed;
    }

    /** {@code docker ps}'s {@code Ports}: each published binding, then each exposed port without one. */
    static List<Map<String, Object>> summaryPorts(ContainerNetworking requested, NetworkLease lease, boolean running) {
        List<Map<String, Object>> ports = new ArrayList<>();
        if (!running) {
            return ports;
        }
        TreeSet<String> bound = new TreeSet<>();
        for (NetworkLease.HostPort port : lease.ports()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("IP", port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp());
            row.put("PrivatePort", port.containerPort());
            row.put("PublicPort", port.hostPort());
            row.put("Type", port.protocol());
            ports.add(row);
            bound.add(port.containerPort() + "/" + port.protocol());
        }
        for (String port : new TreeSet<>(requested.exposedPorts())) {
            if (!bound.contains(port)) {
                String[] parts = port.split("/");
                ports.add(Map.of("PrivatePort", Integer.parseInt(parts[0]), "Type", parts[1]));
            }
        }
        return ports;
    }

    /** {@code docker ps}'s {@code NetworkSettings}: the networks with their endpoints. */
    static Map<String, Object> summary(String containerId, StoredNetworking stored, NetworkLease lease, boolean running) {
        return Map.of("Networks", networks(containerId, stored, running ? lease : NetworkLease.none()));
    }

    private static Map<String, Object> ports(ContainerNetworking requested, NetworkLease lease) {
        Map<String, Object> ports = new TreeMap<>();
        exposedPortsOrEmpty(requested).forEach(port -> ports.put(port, null));
        for (NetworkLease.HostPort port : lease.ports()) {
            String key = port.containerPort() + "/" + port.protocol();
            @SuppressWarnings("unchecked")
            List<Map<String, String>> list = ports.get(key) == null ? new ArrayList<>() : (List<Map<String, String>>) ports.get(key);
            list.add(Map.of("HostIp", port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp(),
                    "HostPort", Integer.toString(port.hostPort())));
            ports.put(key, list);
        }
        return ports;
    }

    private static java.util.Set<String> exposedPortsOrEmpty(ContainerNetworking requested) {
        Map<String, Object> exposed = exposedPorts(requested);
        return exposed == null ? java.util.Set.of() : exposed.keySet();
    }

    private static Map<String, Object> networks(String containerId, StoredNetworking stored, NetworkLease lease) {
        Map<String, Object> networks = new LinkedHashMap<>();
        ContainerNetworking requested = stored.requested();
        if (requested.isHost() || requested.isNone()) {
            networks.put(requested.mode(), endpoint(null, null, null));
            return networks;
        }
        for (StoredNetworking.Network network : stored.networks()) {
            NetworkAttachment held = lease.attachments().stream().filter(a -> a.network().id().equals(network.id()))
                    .findFirst().orElse(null);
            networks.put(network.name(), endpoint(network, held, containerId));
        }
        for (NetworkAttachment held : lease.attachments()) {
            networks.putIfAbsent(held.network().name(), endpoint(null, held, containerId));
        }
        return networks;
    }

    /** Docker's {@code EndpointSettings}; the operational fields empty without an endpoint held. */
    private static Map<String, Object> endpoint(StoredNetworking.Network asked, NetworkAttachment held, String containerId) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("IPAMConfig", asked != null && asked.ipv4() != null ? Map.of("IPv4Address", asked.ipv4()) : null);
        endpoint.put("Links", null);
        List<String> aliases = held != null ? held.aliases() : asked != null && asked.userDefined()
                ? appended(asked.aliases(), containerId == null ? null : containerId.substring(0, 12)) : List.of();
        endpoint.put("Aliases", aliases.isEmpty() ? null : aliases);
        endpoint.put("MacAddress", held == null ? "" : held.mac());
        endpoint.put("DriverOpts", null);
        endpoint.put("NetworkID", held != null ? held.network().id() : asked != null ? asked.id() : "");
        endpoint.put("EndpointID", held == null ? "" : held.endpointId());
        endpoint.put("Gateway", held == null ? "" : held.network().gateway());
        endpoint.put("IPAddress", held == null ? "" : held.ipv4());
        endpoint.put("IPPrefixLen", held == null ? 0 : held.prefixLength());
        endpoint.put("IPv6Gateway", "");
        endpoint.put("GlobalIPv6Address", "");
        endpoint.put("GlobalIPv6PrefixLen", 0);
        endpoint.put("DNSNames", held != null && held.network().dns() ? held.aliases() : null);
        return endpoint;
    }

    private static List<String> appended(List<String> aliases, String shortId) {
        List<String> all = new ArrayList<>(aliases);
        if (shortId != null && !all.contains(shortId)) {
            all.add(shortId);
        }
        return all;
    }
}
