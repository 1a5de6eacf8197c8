package io.berth.container.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerNetworking;
import io.berth.container.clients.NetworkAttachment;
import io.berth.container.clients.NetworkClient;
import io.berth.container.clients.NetworkLease;
import io.berth.container.clients.Remote;
import io.berth.container.clients.WorkerNetworkPlan;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A container's networks, as container-service keeps them: resolved with network-service at create (the networks
 * must exist, the endpoint settings be valid), leased at each start (addresses and host ports, which the worker then
 * sets up with netavark), and released when a start fails. network-service learns of every other end from the
 * container's events.
 */
@ApplicationScoped
public class NetworkAttachments {
    static final String NETWORK_SERVICE = "network-service";

    private final NetworkClient networks;
    private final ContainerLookup lookup;
    private final ObjectMapper json;

    NetworkAttachments(@RestClient NetworkClient networks, ContainerLookup lookup, ObjectMapper json) {
        this.networks = networks;
        this.lookup = lookup;
        this.json = json;
    }

    /** A create's networking resolved: the networks it names, or the container whose namespace it joins. */
    public Uni<StoredNetworking> resolve(TenantId tenant, ContainerNetworking requested) {
        if (requested.isHost() || requested.isNone()) {
            return Uni.createFrom().item(new StoredNetworking(requested, List.of(), null));
        }
        if (requested.isContainer()) {
            String ref = requested.mode().substring("container:".length());
            return lookup.find(tenant, ref).map(target -> new StoredNetworking(requested, List.of(), target.id));
        }
        Map<String, ContainerNetworking.EndpointSettings> wanted = new LinkedHashMap<>();
        // The network mode's network first: it carries the default route and the published ports.
        String first = requested.mode().equals("default") ? "bridge" : requested.mode();
        wanted.put(first, settingsFor(requested, first));
        requested.endpoints().forEach((name, settings) -> {
            String key = name.equals("default") ? "bridge" : name;
            if (!key.equals(first) && !(key.equals("bridge") && first.equals("bridge"))) {
                wanted.put(key, settings);
            }
        });
        List<NetworkClient.EndpointRequest> requests = wanted.entrySet().stream()
                .map(e -> new NetworkClient.EndpointRequest(e.getKey(), e.getValue().aliases(), e.getValue().ipv4Address(),
                        e.getValue().macAddress())).toList();
        return Remote.guard(NETWORK_SERVICE, networks.resolve(tenant.value(), requests)).map(resolved -> {
            List<StoredNetworking.Network> on = new ArrayList<>();
            for (int i = 0; i < resolved.size(); i++) {
                NetworkClient.EndpointRequest asked = requests.get(i);
                on.add(new StoredNetworking.Network(resolved.get(i).id(), resolved.get(i).name(),
                        resolved.get(i).userDefined(), asked.aliases(), asked.ipv4(), asked.mac()));
            }
            return new StoredNetworking(requested, on, null);
        });
    }

    /** The endpoint settings of the mode's network: its EndpointsConfig entry, under its name or "default". */
    private static ContainerNetworking.EndpointSettings settingsFor(ContainerNetworking requested, String network) {
        ContainerNetworking.EndpointSettings settings = requested.endpoints().get(network);
        if (settings == null && network.equals("bridge")) {
            settings = requested.endpoints().get("default");
        }
        if (settings == null) {
            settings = new ContainerNetworking.EndpointSettings(null, null, null);
        }
        // Config.MacAddress, deprecated, is the mode network's MAC.
        return settings.macAddress() == null && requested.macAddress() != null
                ? new ContainerNetworking.EndpointSettings(settings.aliases(), settings.ipv4Address(), requested.macAddress())
                : settings;
    }

    /**
     * A start's endpoints and host ports from network-service, and the worker's plan for them; none for a container
     * that is not on networks. A container joining another's namespace needs that one running.
     */
    public Uni<Started> lease(TenantId tenant, ContainerEntity container, long run) {
        StoredNetworking stored = read(container);
        if (stored.joined() != null) {
            return lookup.find(tenant, stored.joined()).map(target -> {
                if (!target.hasLiveRun()) {
                    throw new ConflictException("cannot join network of a non running container: " + target.id);
                }
                return new Started(NetworkLease.none(), null);
            });
        }
        if (!stored.requested().onNetworks()) {
            return Uni.createFrom().item(new Started(NetworkLease.none(), null));
        }
        ContainerNetworking requested = stored.requested();
        List<NetworkClient.EndpointRequest> endpoints = stored.networks().stream()
                .map(n -> new NetworkClient.EndpointRequest(n.id(), n.aliases(), n.ipv4(), n.mac())).toList();
        List<NetworkClient.PortRequest> ports = PublishedPorts.of(requested, List.of());
        return Remote.guard(NETWORK_SERVICE, networks.lease(tenant.value(), container.id,
                new NetworkClient.LeaseRequest(container.name, run, endpoints, ports)))
                .map(lease -> new Started(lease, new WorkerNetworkPlan(lease.attachments(), lease.ports(), requested.dns(),
                        requested.dnsSearch(), requested.dnsOptions(), requested.extraHosts())));
    }

    /** Gives back what a start that failed was given. */
    public Uni<Void> release(TenantId tenant, String id, long run) {
        return Remote.guard(NETWORK_SERVICE, networks.release(tenant.value(), id, run)).onFailure().recoverWithNull();
    }

    /** A lease and the worker's plan for it (null when the run has no network of its own). */
    public record Started(NetworkLease lease, WorkerNetworkPlan plan) {
    }

    public StoredNetworking read(ContainerEntity container) {
        try {
            return container.networkingJson == null || container.networkingJson.equals("{}")
                    ? new StoredNetworking(ContainerNetworking.defaults(), List.of(), null)
                    : json.readValue(container.networkingJson, StoredNetworking.class);
        } catch (JsonProcessingException e) {
            throw new InternalException("stored networking of container " + container.id + " is unreadable", e);
        }
    }

    public NetworkLease leaseOf(ContainerEntity container) {
        try {
            return container.leaseJson == null || container.leaseJson.equals("{}") ? NetworkLease.none()
                    : json.readValue(container.leaseJson, NetworkLease.class);
        } catch (JsonProcessingException e) {
            throw new InternalException("stored lease of container " + container.id + " is unreadable", e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot store networking: " + e.getMessage(), e);
        }
    }

    /** The lease with one more endpoint, or one fewer. */
    static NetworkLease with(NetworkLease lease, NetworkAttachment added) {
        List<NetworkAttachment> more = new ArrayList<>(lease.attachments());
        more.add(added);
        return new NetworkLease(more, lease.ports());
    }

    static NetworkLease without(NetworkLease lease, String networkId) {
        return new NetworkLease(lease.attachments().stream().filter(a -> !a.network().id().equals(networkId)).toList(),
                lease.ports());
    }
}
