package io.berth.network.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** network-service's settings ({@code berth.network.*}). */
@ConfigMapping(prefix = "berth.network")
public interface NetworkServiceConfig {
    /**
     * Where networks without a subnet of their own take one from, as dockerd's {@code default-address-pools}: each
     * entry {@code <base CIDR>:<prefix length>} splits the base into subnets of that length, taken in order. The
     * default is dockerd's: 172.17-172.31 in /16s, then 192.168.0.0/16 in /20s. Each tenant's {@code bridge} takes
     * the first free one.
     */
    @WithDefault("172.17.0.0/16:16,172.18.0.0/15:16,172.20.0.0/14:16,172.24.0.0/13:16,192.168.0.0/16:20")
    List<String> addressPools();

    /** The node whose addresses and host ports this service hands out (one node for now). */
    @WithDefault("local")
    String node();
}
