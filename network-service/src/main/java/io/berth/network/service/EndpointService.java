package io.berth.network.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.network.NetworkActions;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.network.config.NetworkServiceConfig;
import io.berth.network.endpoints.Addresses;
import io.berth.network.endpoints.Attachment;
import io.berth.network.endpoints.ConnectRequest;
import io.berth.network.endpoints.EndpointRequest;
import io.berth.network.endpoints.HostPorts;
import io.berth.network.endpoints.Lease;
import io.berth.network.endpoints.LeaseRequest;
import io.berth.network.endpoints.PortMapping;
import io.berth.network.endpoints.ResolvedNetwork;
import io.berth.network.events.NetworkEvents;
import io.berth.network.store.EndpointEntity;
import io.berth.network.store.EndpointRepository;
import io.berth.network.store.NetworkEntity;
import io.berth.network.store.NetworkRepository;
import io.berth.network.store.PortBindingEntity;
import io.berth.network.store.PortBindingRepository;
import io.berth.outbox.AppliedEvents;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The endpoints of running containers on networks and the host ports published to them (ARCHITECTURE rule 2:
 * container-service asks for them at start, and this service learns from container events when they are free). Every
 * allocation and release is made under the node's allocation lock, so two starts never take one address or port, and a network
 * is never removed while a start attaches a container to it.
 */
@ApplicationScoped
public class EndpointService {
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final NetworkRepository networks;
    private final EndpointRepository endpoints;
    private final PortBindingRepository ports;
    private final NetworkService lookup;
    private final NetworkEvents events;
    private final OutboxRelay relay;
    private final AppliedEvents applied;
    private final ObjectMapper json;
    private final String node;

    EndpointService(NetworkRepository networks, EndpointRepository endpoints, PortBindingRepository ports,
            NetworkService lookup, NetworkEvents events, OutboxRelay relay, AppliedEvents applied, ObjectMapper json,
            NetworkServiceConfig config) {
        this.applied = applied;
        this.networks = networks;
        this.endpoints = endpoints;
        this.ports = ports;
        this.lookup = lookup;
        this.events = events;
        this.relay = relay;
        this.json = json;
        this.node = config.node();
    }

    /**
     * A create's networks checked as dockerd checks endpoint settings (moby {@code validateEndpointSettings}): each
     * must exist; aliases and fixed addresses only on user-defined networks; a fixed address in a subnet the user
     * gave; a MAC that is one. Nothing is held yet.
     */
    public Uni<List<ResolvedNetwork>> resolve(TenantId tenant, List<EndpointRequest> requests) {
        Uni<List<ResolvedNetwork>> chain = Uni.createFrom().item(new ArrayList<>());
        for (EndpointRequest request : requests) {
            chain = chain.flatMap(resolved -> lookup.find(tenant, networkName(request.network())).map(network -> {
                check(network, request);
                resolved.add(new ResolvedNetwork(network.id, network.name, network.driver, isUserDefined(network)));
                return resolved;
            }));
        }
        return chain.map(List::copyOf);
    }

    /**
     * A start's endpoints and host ports: whatever the container held from an earlier run goes first, then each
     * network gives an address and each port a host port, with a {@code connect} event per network, in one
     * transaction. The first network carries the published ports.
     */
    public Uni<Lease> lease(TenantId tenant, String containerId, LeaseRequest request) {
        return lookup.find(tenant, "bridge").flatMap(ignored -> Panache.withTransaction(() -> networks.lockAllocation()
                .chain(() -> releaseLocked(containerId, request.run() - 1))
                .chain(() -> attachAll(tenant, containerId, request))
                .flatMap(attachments -> publish(tenant, containerId, request, attachments)
                        .map(mapped -> new Lease(attachments, mapped)))))
                .invoke(relay::wakeUp);
    }

    /** A running container connected to one more network: 403 {@code endpoint with name … already exists …}. */
    public Uni<Attachment> connect(TenantId tenant, String containerId, ConnectRequest request) {
        return lookup.find(tenant, networkName(request.endpoint().network())).flatMap(network -> {
            check(network, request.endpoint());
            return Panache.withTransaction(() -> networks.lockAllocation()
                    .chain(() -> endpoints.ofContainer(containerId))
                    .flatMap(held -> {
                        if (held.stream().anyMatch(e -> e.networkId.equals(network.id))) {
                            throw new ForbiddenException("endpoint with name " + request.name()
                                    + " already exists in network " + network.name);
                        }
                        return attach(tenant, containerId, request.name(), request.run(), network, request.endpoint());
                    }));
        }).invoke(relay::wakeUp);
    }

    /** A running container's endpoint on one network released, with its {@code disconnect} event; false when none. */
    public Uni<Boolean> disconnect(TenantId tenant, String containerId, String networkId) {
        return Panache.withTransaction(() -> networks.lockAllocation().chain(() -> endpoints.ofContainer(containerId)).flatMap(held -> {
            List<EndpointEntity> on = held.stream().filter(e -> e.networkId.equals(networkId)
                    && e.tenant.equals(tenant.value())).toList();
            return on.isEmpty() ? Uni.createFrom().item(false) : detach(on).replaceWith(true);
        })).invoke(relay::wakeUp);
    }

    /** Everything the container holds from runs up to {@code run}, with a {@code disconnect} per endpoint. */
    public Uni<Void> release(String containerId, long run) {
        return Panache.withTransaction(() -> networks.lockAllocation().chain(() -> releaseLocked(containerId, run)))
                .invoke(relay::wakeUp);
    }

    /** {@link #release}, once per event id: a redelivered event changes nothing (ARCHITECTURE rule 3). */
    public Uni<Void> releaseOnce(String eventId, String containerId, long run) {
        return Panache.withTransaction(() -> networks.lockAllocation().chain(() -> applied.firstTime(eventId))
                .flatMap(first -> first ? releaseLocked(containerId, run) : Uni.createFrom().voidItem()))
                .invoke(relay::wakeUp);
    }

    /**
     * Under the allocation lock, like every write of endpoints: a lease reads every endpoint of a network, and one
     * deleted meanwhile by a release made its flush fail (seen with concurrent {@code docker run}s).
     */
    private Uni<Void> releaseLocked(String containerId, long run) {
        return endpoints.ofContainer(containerId)
                .flatMap(held -> detach(held.stream().filter(e -> e.run <= run).toList()))
                .chain(() -> ports.release(containerId, run))
                .replaceWithVoid();
    }

    private Uni<Void> detach(List<EndpointEntity> gone) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EndpointEntity endpoint : gone) {
            chain = chain.chain(() -> networks.findById(endpoint.networkId).flatMap(network -> (network == null
                    ? Uni.createFrom().voidItem()
                    : events.endpoint(network, NetworkActions.DISCONNECT, endpoint.containerId))
                    .chain(() -> endpoints.deleteRow(endpoint.id))));
        }
        return chain;
    }

    private Uni<List<Attachment>> attachAll(TenantId tenant, String containerId, LeaseRequest request) {
        Uni<List<Attachment>> chain = Uni.createFrom().item(new ArrayList<>());
        for (EndpointRequest wanted : request.networks()) {
            chain = chain.flatMap(done -> networks.candidates(tenant, wanted.network())
                    .map(candidates -> NetworkLookup.resolve(wanted.network(), candidates))
                    .flatMap(network -> {
                        check(network, wanted);
                        return attach(tenant, containerId, request.name(), request.run(), network, wanted);
                    })
                    .map(attachment -> {
                        done.add(attachment);
                        return done;
                    }));
        }
        return chain;
    }

    private Uni<Attachment> attach(TenantId tenant, String containerId, String name, long run, NetworkEntity network,
            EndpointRequest wanted) {
        Addresses addresses = Addresses.of(network.ipam);
        return endpoints.onNetwork(network.id).flatMap(onNetwork -> {
            Set<String> taken = onNetwork.stream().map(e -> e.ipv4).collect(Collectors.toSet());
            EndpointEntity endpoint = new EndpointEntity();
            endpoint.id = PredefinedNetworks.newId();
            endpoint.networkId = network.id;
            endpoint.containerId = containerId;
            endpoint.tenant = tenant.value();
            endpoint.node = node;
            endpoint.containerName = name;
            endpoint.run = run;
            endpoint.ipv4 = addresses.allocate(wanted.ipv4(), taken);
            endpoint.mac = wanted.mac() != null ? wanted.mac().toLowerCase().replace('-', ':') : Addresses.macOf(endpoint.ipv4);
            List<String> aliases = aliases(network, containerId, wanted);
            endpoint.aliasesJson = write(aliases);
            endpoint.createdAt = Instant.now();
            return endpoint.persist()
                    .chain(() -> events.endpoint(network, NetworkActions.CONNECT, containerId))
                    .replaceWith(new Attachment(facts(network), endpoint.id, endpoint.ipv4, addresses.prefixLength(),
                            endpoint.mac, aliases));
        });
    }

    private Uni<List<PortMapping>> publish(TenantId tenant, String containerId, LeaseRequest request,
            List<Attachment> attachments) {
        if (request.ports().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (attachments.isEmpty()) {
            throw new InvalidParameterException("published ports need the container on a bridge network");
        }
        return ports.onNode(node).flatMap(held -> {
            List<PortMapping> mapped;
            try {
                mapped = HostPorts.allocate(request.ports(), held.stream()
                        .map(p -> new HostPorts.Held(p.key.protocol(), p.key.hostIp(), p.key.hostPort())).toList());
            } catch (InternalException clash) {
                Attachment first = attachments.get(0);
                throw new InternalException("driver failed programming external connectivity on endpoint " + request.name()
                        + " (" + first.endpointId() + "): " + clash.getMessage());
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PortMapping mapping : mapped) {
                PortBindingEntity binding = new PortBindingEntity();
                binding.key = new PortBindingEntity.Key(node, mapping.protocol(), mapping.hostIp(), mapping.hostPort());
                binding.containerId = containerId;
                binding.tenant = tenant.value();
                binding.containerPort = mapping.containerPort();
                binding.run = request.run();
                chain = chain.chain(() -> binding.persist().replaceWithVoid());
            }
            return chain.replaceWith(mapped);
        });
    }

    /** dockerd's checks of one endpoint's settings, all named in one 400 (moby validateEndpointSettings). */
    private static void check(NetworkEntity network, EndpointRequest request) {
        if (network.driver.equals("host")) {
            throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
        }
        if (!network.driver.equals("bridge")) {
            throw new ForbiddenException("container cannot be connected to multiple networks with one of the networks in"
                    + " private (none) mode");
        }
        List<String> errors = new ArrayList<>();
        boolean userDefined = isUserDefined(network);
        if (!userDefined && request.ipv4() != null) {
            errors.add("user specified IP address is supported on user defined networks only");
        }
        if (!userDefined && !request.aliases().isEmpty()) {
            errors.add("network-scoped alias is supported only for containers in user defined networks");
        }
        if (request.ipv4() != null) {
            boolean valid;
            try {
                valid = !io.berth.network.ip.Cidr.IpAddress.parse(request.ipv4()).isIpv6();
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            if (!valid) {
                errors.add("invalid IPv4 address: " + request.ipv4());
            } else if (userDefined && !Addresses.of(network.ipam).contains(request.ipv4())) {
                errors.add("no configured subnet or ip-range contain the IP address " + request.ipv4());
            }
        }
        if (request.mac() != null && !MAC.matcher(request.mac()).matches()) {
            throw new InvalidParameterException("invalid MAC address " + request.mac());
        }
        if (!errors.isEmpty()) {
            throw new InvalidParameterException("invalid endpoint settings:\n" + String.join("\n", errors));
        }
    }

    /** DNS names besides the container's own: the aliases asked for and its short id, on user-defined networks. */
    private static List<String> aliases(NetworkEntity network, String containerId, EndpointRequest wanted) {
        if (!isUserDefined(network)) {
            return List.of();
        }
        LinkedHashSet<String> aliases = new LinkedHashSet<>(wanted.aliases());
        aliases.add(containerId.substring(0, 12));
        return List.copyOf(aliases);
    }

    /** The network facts a node sets an endpoint up with. */
    static Attachment.NetworkFacts facts(NetworkEntity network) {
        var pool = network.ipam.pools().get(0);
        return new Attachment.NetworkFacts(network.id, network.name, network.bridge, pool.subnet(), pool.gateway(),
                network.internal, isUserDefined(network), BridgeOptions.mtu(network.options.get(BridgeOptions.MTU)));
    }

    /** Names resolve, and aliases and fixed addresses are allowed, on every network but the predefined bridge. */
    static boolean isUserDefined(NetworkEntity network) {
        return !PredefinedNetworks.isPredefined(network.name);
    }

    /** Docker's {@code default} network mode is the predefined bridge. */
    private static String networkName(String ref) {
        return ref == null || ref.isEmpty() || ref.equals("default") ? "bridge" : ref;
    }

    /** The aliases an endpoint row keeps. */
    public List<String> aliasesOf(EndpointEntity endpoint) {
        try {
            return json.readValue(endpoint.aliasesJson, STRINGS);
        } catch (JsonProcessingException e) {
            throw new InternalException("endpoint " + endpoint.id + " has unreadable aliases", e);
        }
    }

    private String write(List<String> aliases) {
        try {
            return json.writeValueAsString(aliases);
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot store aliases", e);
        }
    }
}
