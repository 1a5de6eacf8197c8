package io.berth.network;

import java.util.List;
import java.util.Map;

/** How a network's addresses are managed: the IPAM driver, its options, and the address pools it hands out from. */
public record Ipam(String driver, Map<String, String> options, List<Pool> pools) {
    /** The IPAM driver Docker uses unless told otherwise. */
    public static final String DEFAULT_DRIVER = "default";

    public Ipam {
        driver = driver == null || driver.isEmpty() ? DEFAULT_DRIVER : driver;
        options = options == null ? Map.of() : Map.copyOf(options);
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /** The default driver with no pools: what {@code host} and {@code none} have. */
    public static Ipam none() {
        return new Ipam(DEFAULT_DRIVER, Map.of(), List.of());
    }

    /** One address pool: a subnet, optionally a narrower range to allocate from, the gateway and reserved addresses. */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }
    }
}
