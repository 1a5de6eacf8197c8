package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.container.ContainerNetworking;
import io.berth.kit.api.StrictJson;
import io.berth.kit.errors.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The network parts of a create body, bound strictly as the rest ({@link StrictJson}): from {@code HostConfig} the
 * network mode, published ports, DNS and extra hosts; from {@code Config} the exposed ports and (deprecated) MAC
 * address; from {@code NetworkingConfig} the endpoint settings per network. Checked here as dockerd's
 * {@code runconfig} checks them, before any part of Berth is asked.
 */
record NetworkingRequest(HostPart host, ConfigPart config, NetworkingConfig networking) {
    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(?:/(tcp|udp|sctp))?");

    /** The network fields of Docker's {@code HostConfig}. */
    record HostPart(
            @JsonProperty("NetworkMode") String networkMode,
            @JsonProperty("PortBindings") Map<String, List<Binding>> portBindings,
            @JsonProperty("PublishAllPorts") boolean publishAllPorts,
            @JsonProperty("Dns") List<String> dns,
            @JsonProperty("DnsSearch") List<String> dnsSearch,
            @JsonProperty("DnsOptions") List<String> dnsOptions,
            @JsonProperty("ExtraHosts") List<String> extraHosts) {
    }

    /** Docker's {@code PortBinding}. */
    record Binding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {
    }

    /** The network fields of Docker's {@code Config}. */
    record ConfigPart(
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("MacAddress") String macAddress) {
    }

    /** Docker's {@code NetworkingConfig}. */
    record NetworkingConfig(@JsonProperty("EndpointsConfig") Map<String, Endpoint> endpointsConfig) {
    }

    /** The part of Docker's {@code EndpointSettings} a create may set. */
    record Endpoint(
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
            @JsonProperty("MacAddress") String macAddress) {
    }

    /** Docker's {@code EndpointIPAMConfig}. */
    record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {
    }

    static NetworkingRequest read(JsonNode tree) {
        HostPart host = StrictJson.bind(StrictJson.member(tree, "HostConfig"), HostPart.class, "HostConfig");
        ConfigPart config = StrictJson.bind(tree, ConfigPart.class, "Config");
        NetworkingConfig networking = StrictJson.bind(StrictJson.member(tree, "NetworkingConfig"), NetworkingConfig.class,
                "NetworkingConfig");
        return new NetworkingRequest(host, config, networking);
    }

    /** Berth's terms, checked as moby's {@code validateNetContainerMode} and {@code validateNetMode} check them. */
    ContainerNetworking toNetworking() {
        HostPart h = host == null ? new HostPart(null, null, false, null, null, null, null) : host;
        ConfigPart c = config == null ? new ConfigPart(null, null) : config;
        Map<String, List<ContainerNetworking.PortBinding>> bindings = new LinkedHashMap<>();
        if (h.portBindings() != null) {
            h.portBindings().forEach((port, list) -> bindings.put(portKey(port), list == null ? List.of()
                    : list.stream().map(b -> new ContainerNetworking.PortBinding(b == null ? "" : b.hostIp(),
                            b == null ? "" : b.hostPort())).toList()));
        }
        java.util.Set<String> exposed = new java.util.LinkedHashSet<>();
        if (c.exposedPorts() != null) {
            c.exposedPorts().keySet().forEach(port -> exposed.add(portKey(port)));
        }
        Map<String, ContainerNetworking.EndpointSettings> endpoints = new LinkedHashMap<>();
        if (networking != null && networking.endpointsConfig() != null) {
            networking.endpointsConfig().forEach((name, e) -> endpoints.put(name, e == null
                    ? new ContainerNetworking.EndpointSettings(null, null, null)
                    : new ContainerNetworking.EndpointSettings(e.aliases(),
                            e.ipamConfig() == null ? null : e.ipamConfig().ipv4Address(), e.macAddress())));
        }
        ContainerNetworking result = new ContainerNetworking(h.networkMode(), endpoints, bindings, exposed,
                h.publishAllPorts(), h.dns(), h.dnsSearch(), h.dnsOptions(), h.extraHosts(), c.macAddress());
        check(result);
        return result;
    }

    private static void check(ContainerNetworking n) {
        if (n.isContainer()) {
            if (n.mode().length() == "container:".length()) {
                throw new InvalidParameterException("Invalid network mode: invalid container format container:<name|id>");
            }
            if (!n.dns().isEmpty()) {
                throw new InvalidParameterException("conflicting options: dns and the network mode");
            }
            if (!n.extraHosts().isEmpty()) {
                throw new InvalidParameterException("conflicting options: custom host-to-IP mapping and the network mode");
            }
            if (!n.portBindings().isEmpty() || n.publishAllPorts()) {
                throw new InvalidParameterException("conflicting options: port publishing and the container type network mode");
            }
            if (!n.exposedPorts().isEmpty()) {
                throw new InvalidParameterException("conflicting options: port exposing and the container type network mode");
            }
        }
        if (n.isNone() && (!n.portBindings().isEmpty() || n.publishAllPorts())) {
            // dockerd accepts and publishes nothing; a user who believes a port is published would be misled.
            throw new InvalidParameterException("Berth does not publish ports of a container without a network (--network none)");
        }
        for (String host : n.extraHosts()) {
            int colon = host.indexOf(':');
            if (colon <= 0 || colon == host.length() - 1) {
                throw new InvalidParameterException("invalid extra host " + host + ": expected name:ip");
            }
        }
        n.portBindings().values().forEach(list -> list.forEach(b -> {
            if (!b.hostPort().isEmpty() && !b.hostPort().matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
                throw new InvalidParameterException("invalid port specification: \"" + b.hostPort() + "\"");
            }
        }));
    }

    /** {@code 80} or {@code 80/udp} as dockerd keys it, {@code 80/tcp}; 400 for what is no port. */
    static String portKey(String port) {
        var parsed = PORT.matcher(port == null ? "" : port);
        if (!parsed.matches() || Integer.parseInt(parsed.group(1)) < 1 || Integer.parseInt(parsed.group(1)) > 65535) {
            throw new InvalidParameterException("invalid port specification: \"" + port + "\"");
        }
        return parsed.group(1) + "/" + (parsed.group(2) == null ? "tcp" : parsed.group(2));
    }
}
