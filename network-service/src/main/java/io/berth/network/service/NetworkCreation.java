package io.berth.network.service;

import io.berth.events.network.NetworkActions;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.network.Ipam;
import io.berth.network.NetworkSpec;
import io.berth.network.clients.NodeRoutes;
import io.berth.network.events.NetworkEvents;
import io.berth.network.ip.Cidr;
import io.berth.network.store.NetworkEntity;
import io.berth.network.store.NetworkRepository;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Making networks: a tenant's {@code docker network create}, and the predefined three on its first call. Every
 * subnet and bridge name on the node is chosen under one lock ({@link NetworkRepository#lockAllocation}), so two
 * networks never share either, whichever tenants make them.
 */
@ApplicationScoped
public class NetworkCreation {
    /** Drivers that name a network kind Berth cannot make on one node, with what to say instead. */
    private static final Map<String, String> UNSUPPORTED_DRIVERS = Map.of(
            "overlay", "Berth has no multi-node network driver yet: overlay networks are not supported; use the bridge driver",
            "macvlan", "Berth does not support the macvlan driver yet; use the bridge driver",
            "ipvlan", "Berth does not support the ipvlan driver yet; use the bridge driver");

    private final NetworkRepository networks;
    private final AddressPools pools;
    private final NodeRoutes routes;
    private final NetworkEvents events;
    private final OutboxRelay relay;

    NetworkCreation(NetworkRepository networks, AddressPools pools, NodeRoutes routes, NetworkEvents events,
            OutboxRelay relay) {
        this.networks = networks;
        this.pools = pools;
        this.routes = routes;
        this.events = events;
        this.relay = relay;
    }

    /** The Linux bridge of a network without a name of its own: dockerd's {@code br-<12 digits of the id>}. */
    static String bridgeName(String networkId) {
        return "br-" + networkId.substring(0, 12);
    }

    /** Checks the request, picks the subnet and bridge, writes the row with its {@code create} event. */
    public Uni<NetworkEntity> create(TenantId tenant, NetworkSpec spec) {
        NetworkEntity network = checked(tenant, spec);
        boolean chooseSubnet = network.ipam.pools().isEmpty();
        Uni<List<Cidr>> nodeRoutes = chooseSubnet ? routes.current() : Uni.createFrom().item(List.of());
        return ensurePredefined(tenant).chain(() -> nodeRoutes).flatMap(routed -> Panache.withTransaction(() -> networks
                .lockAllocation()
                .chain(() -> networks.byName(tenant, network.name))
                .flatMap(existing -> {
                    if (existing != null) {
                        throw new ConflictException("network with name " + network.name + " already exists");
                    }
                    return networks.onNode();
                })
                .flatMap(onNode -> {
                    place(network, onNode, routed);
                    network.createdAt = java.time.Instant.now();
                    return network.persist().chain(() -> events.publish(network, NetworkActions.CREATE));
                })))
                .invoke(relay::wakeUp)
                .replaceWith(network);
    }

    /**
     * Makes sure the tenant has bridge, host and none; the bridge takes the first free subnet. Cheap once they
     * exist: one count.
     */
    public Uni<Void> ensurePredefined(TenantId tenant) {
        return Panache.withSession(() -> networks.hasPredefined(tenant)).flatMap(exists -> exists ? Uni.createFrom().voidItem()
                : routes.current().flatMap(routed -> Panache.withTransaction(() -> networks.lockAllocation()
                        .chain(networks::onNode)
                        .flatMap(onNode -> {
                            if (onNode.stream().anyMatch(n -> n.tenant.equals(tenant.value())
                                    && PredefinedNetworks.isPredefined(n.name))) {
                                return Uni.createFrom().voidItem();
                            }
                            Cidr subnet = pools.next(taken(onNode, routed));
                            return networks.insertIfAbsent(PredefinedNetworks.forTenant(tenant, subnet));
                        }))));
    }

    /** Everything a request can get wrong without looking at other networks; the new row, not yet placed. */
    private static NetworkEntity checked(TenantId tenant, NetworkSpec spec) {
        String name = spec.name() == null ? "" : spec.name();
        if (name.isBlank()) {
            throw new InvalidParameterException("invalid name: " + name);
        }
        if (PredefinedNetworks.isPredefined(name)) {
            throw new ForbiddenException("operation is not permitted on predefined " + name + " network ");
        }
        switch (spec.driver()) {
            case "bridge" -> {
            }
            case "host", "null" -> throw new ForbiddenException("only one instance of \"" + spec.driver() + "\" network is allowed");
            default -> {
                String unsupported = UNSUPPORTED_DRIVERS.get(spec.driver());
                if (unsupported != null) {
                    throw new ForbiddenException(unsupported);
                }
                throw new NotFoundException("plugin \"" + spec.driver() + "\" not found");
            }
        }
        IpamRules.validate(spec.ipam().pools());
        for (Ipam.Pool pool : spec.ipam().pools()) {
            if (Cidr.parse(pool.subnet()).isIpv6()) {
                throw new InvalidParameterException("Berth does not support IPv6 networks yet");
            }
        }
        if (spec.ipam().pools().size() > 1) {
            throw new InvalidParameterException("Berth does not support more than one subnet per network yet");
        }
        BridgeOptions.validate(spec.options());
        NetworkEntity network = new NetworkEntity();
        network.id = PredefinedNetworks.newId();
        network.tenant = tenant.value();
        network.name = name;
        network.driver = spec.driver();
        network.scope = "local";
        network.internal = spec.internal();
        network.attachable = spec.attachable();
        network.enableIpv4 = true;
        network.ipam = spec.ipam();
        network.options = new LinkedHashMap<>(spec.options());
        network.labels = new LinkedHashMap<>(spec.labels());
        network.bridge = spec.options().getOrDefault(BridgeOptions.NAME, bridgeName(network.id));
        return network;
    }

    /** Gives the network its subnet (chosen, or checked against the node's) and checks its bridge's name is free. */
    private void place(NetworkEntity network, List<NetworkEntity> onNode, List<Cidr> routed) {
        if (onNode.stream().anyMatch(other -> Objects.equals(other.bridge, network.bridge))) {
            throw new ConflictException("bridge name " + network.bridge + " is already in use on this node");
        }
        List<Cidr> taken = taken(onNode, List.of());
        if (network.ipam.pools().isEmpty()) {
            Cidr subnet = pools.next(taken(onNode, routed));
            network.ipam = new Ipam(Ipam.DEFAULT_DRIVER, Map.of(),
                    List.of(new Ipam.Pool(subnet.toString(), null, subnet.first().plus(1).toString(), Map.of())));
            return;
        }
        List<Ipam.Pool> placed = new ArrayList<>();
        for (Ipam.Pool pool : network.ipam.pools()) {
            Cidr subnet = Cidr.parse(pool.subnet());
            if (taken.stream().anyMatch(subnet::overlaps)) {
                throw new ForbiddenException("Pool overlaps with other one on this address space");
            }
            // dockerd's gateway is the subnet's first address unless one is given; never the network's own address
            // nor its broadcast address, which libnetwork's IPAM never hands out.
            String gateway = pool.gateway() != null ? pool.gateway() : subnet.first().plus(1).toString();
            Cidr.IpAddress address = Cidr.IpAddress.parse(gateway);
            if (address.equals(subnet.first()) || address.equals(subnet.last())) {
                throw new ForbiddenException("failed to allocate gateway (" + gateway + "): Address already in use");
            }
            placed.add(new Ipam.Pool(pool.subnet(), pool.ipRange(), gateway, pool.auxAddresses()));
        }
        network.ipam = new Ipam(Ipam.DEFAULT_DRIVER, Map.of(), placed);
    }

    private static List<Cidr> taken(List<NetworkEntity> onNode, List<Cidr> routed) {
        List<Cidr> taken = new ArrayList<>(routed);
        for (NetworkEntity other : onNode) {
            for (Ipam.Pool pool : other.ipam.pools()) {
                taken.add(Cidr.parse(pool.subnet()));
            }
        }
        return taken;
    }
}
