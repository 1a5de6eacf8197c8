package io.berth.network.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.kit.api.DockerTimes;
import io.berth.network.Ipam;
import io.berth.network.ip.Cidr;
import io.berth.network.service.NetworkDetails;
import io.berth.network.store.EndpointEntity;
import io.berth.network.store.NetworkEntity;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's {@code Network}, for both the list and inspect. {@code Containers} holds the running containers' endpoints
 * in inspect and is empty in the list, as dockerd answers; {@code Peers} is left out, as dockerd does for every
 * network that is not overlay.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Network/operation/NetworkInspect">Network</a>
 */
public record Network(
        @JsonProperty("Name") String name,
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Driver") String driver,
        @JsonProperty("EnableIPv4") boolean enableIpv4,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAM") IPAM ipam,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("ConfigFrom") ConfigReference configFrom,
        @JsonProperty("ConfigOnly") boolean configOnly,
        @JsonProperty("Containers") Map<String, EndpointResource> containers,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    /** As the list shows it: without its containers. */
    static Network of(NetworkEntity network) {
        return of(network, Map.of());
    }

    /** As inspect shows it: with the endpoints of the containers running on it, by container id. */
    static Network of(NetworkDetails details) {
        NetworkEntity network = details.network();
        int prefix = network.ipam.pools().isEmpty() ? 0 : Cidr.parse(network.ipam.pools().get(0).subnet()).bits();
        Map<String, EndpointResource> containers = new TreeMap<>();
        for (EndpointEntity endpoint : details.endpoints()) {
            containers.put(endpoint.containerId, new EndpointResource(endpoint.containerName, endpoint.id, endpoint.mac,
                    endpoint.ipv4 + "/" + prefix, ""));
        }
        return of(network, containers);
    }

    private static Network of(NetworkEntity network, Map<String, EndpointResource> containers) {
        // Berth has no swarm: no ingress, no config-only networks, ConfigFrom always empty as dockerd shows it.
        return new Network(network.name, network.id, DockerTimes.rfc3339Nano(network.createdAt), network.scope,
                network.driver, network.enableIpv4, network.enableIpv6, IPAM.of(network.ipam), network.internal,
                network.attachable, false, new ConfigReference(""), false, containers, sorted(network.options),
                sorted(network.labels));
    }

    // Go's encoding/json writes map keys sorted; doing the same keeps output comparable with dockerd's.
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Docker's {@code IPAM}: the driver, its options and the address pools. */
    public record IPAM(
            @JsonProperty("Driver") String driver,
            @JsonProperty("Options") Map<String, String> options,
            @JsonProperty("Config") List<IPAMConfig> config) {

        static IPAM of(Ipam ipam) {
            return new IPAM(ipam.driver(), sorted(ipam.options()), ipam.pools().stream().map(IPAMConfig::of).toList());
        }
    }

    /** Docker's {@code IPAMConfig}; like moby's struct, empty fields are left out ({@code omitempty}). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record IPAMConfig(
            @JsonProperty("Subnet") String subnet,
            @JsonProperty("IPRange") String ipRange,
            @JsonProperty("Gateway") String gateway,
            @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {

        static IPAMConfig of(Ipam.Pool pool) {
            return new IPAMConfig(pool.subnet(), pool.ipRange(), pool.gateway(), sorted(pool.auxAddresses()));
        }
    }

    /** Docker's {@code EndpointResource}: a container's endpoint as a network's inspect lists it. */
    public record EndpointResource(
            @JsonProperty("Name") String name,
            @JsonProperty("EndpointID") String endpointId,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("IPv4Address") String ipv4Address,
            @JsonProperty("IPv6Address") String ipv6Address) {
    }

    /** Docker's {@code ConfigReference}: the config-only network this one takes its settings from. */
    public record ConfigReference(@JsonProperty("Network") String network) {
    }
}
