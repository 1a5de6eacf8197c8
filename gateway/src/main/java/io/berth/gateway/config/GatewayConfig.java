package io.berth.gateway.config;

import io.berth.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The gateway's settings: where each resource's calls go, what {@code /events} reads, what {@code /info} reports. */
@ConfigMapping(prefix = "berth.gateway")
public interface GatewayConfig {
    /** Base URLs of the services that own the proxied paths. */
    Backends backends();

    /** Topics {@code /events} reads, all keyed by resource id. */
    @WithDefault(Topics.CONTAINERS + "," + Topics.IMAGES + "," + Topics.VOLUMES + "," + Topics.NETWORKS)
    List<String> eventTopics();

    /** How long {@code /info} waits for each service's list before it answers with a count of 0 and a warning. */
    @WithDefault("PT2S")
    Duration infoTimeout();

    /** How long the gateway waits for a TCP connection to a service before it answers 503. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** The node's state root, reported as {@code DockerRootDir} in {@code /info}. */
    @WithDefault("/var/lib/berth")
    String rootDir();

    /** The commit Berth was built from, reported as {@code GitCommit} in {@code /version}. */
    @WithDefault("unknown")
    String gitCommit();

    /** Base URLs of the services. */
    interface Backends {
        /** container-service: {@code /containers}, {@code /exec}. */
        URI containers();

        /** image-service: {@code /images}, {@code /build}, {@code /v2}. */
        URI images();

        /** volume-service: {@code /volumes}. */
        URI volumes();

        /** network-service: {@code /networks}. */
        URI networks();
    }
}
