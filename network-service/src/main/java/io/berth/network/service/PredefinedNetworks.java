package io.berth.network.service;

import io.berth.kit.tenant.TenantId;
import io.berth.network.Ipam;
import io.berth.network.ip.Cidr;
import io.berth.network.store.NetworkEntity;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's three predefined networks, which every tenant has from its first call: {@code bridge} (the default for
 * containers), {@code host} and {@code none}. Clients rely on them: {@code docker network ls} lists them,
 * Testcontainers reads {@code bridge}'s gateway, and they can never be removed.
 *
 * @see <a href="https://docs.docker.com/engine/network/#drivers">Docker network drivers</a>
 */
public final class PredefinedNetworks {
    static final String BRIDGE = "bridge";
    static final String HOST = "host";
    static final String NONE = "none";
    private static final Set<String> NAMES = Set.of(BRIDGE, HOST, NONE);
    private static final String LOCAL = "local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PredefinedNetworks() {
    }

    /** Whether the name is one of the predefined networks ({@code type=builtin}; never removed). */
    public static boolean isPredefined(String name) {
        return NAMES.contains(name);
    }

    /**
     * Fresh rows for the tenant's three networks, each with a new random id; only the first set written is kept. The
     * bridge gets {@code subnet} (dockerd's is 172.17.0.0/16; every tenant's bridge on a node needs one of its own)
     * and a Linux bridge named after its id, never dockerd's {@code docker0}.
     */
    static List<NetworkEntity> forTenant(TenantId tenant, Cidr subnet) {
        NetworkEntity bridge = row(tenant, BRIDGE, "bridge", true, new Ipam(Ipam.DEFAULT_DRIVER, Map.of(),
                List.of(new Ipam.Pool(subnet.toString(), null, subnet.first().plus(1).toString(), Map.of()))), Map.of());
        bridge.bridge = NetworkCreation.bridgeName(bridge.id);
        // The options dockerd gives its default bridge, so clients that compare them find what they expect.
        bridge.options.put("com.docker.network.bridge.default_bridge", "true");
        bridge.options.put("com.docker.network.bridge.enable_icc", "true");
        bridge.options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        bridge.options.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        bridge.options.put("com.docker.network.bridge.name", bridge.bridge);
        bridge.options.put("com.docker.network.driver.mtu", "1500");
        return List.of(bridge,
                row(tenant, HOST, "host", false, Ipam.none(), Map.of()),
                row(tenant, NONE, "null", false, Ipam.none(), Map.of()));
    }

    private static NetworkEntity row(TenantId tenant, String name, String driver, boolean ipv4, Ipam ipam,
            Map<String, String> options) {
        NetworkEntity network = new NetworkEntity();
        network.id = newId();
        network.tenant = tenant.value();
        network.name = name;
        network.driver = driver;
        network.scope = LOCAL;
        network.enableIpv4 = ipv4;
        network.ipam = ipam;
        network.options = new LinkedHashMap<>(options);
        return network;
    }

    /** A network id as Docker makes them: 32 random bytes in lower-case hex. */
    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
