package io.berth.gateway.config;

import io.berth.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's settings: where each resource's calls go, how long the public edge waits for a client, what
 * {@code /events} reads, what {@code /info} reports.
 */
@ConfigMapping(prefix = "berth.gateway")
public interface GatewayConfig {
    /** Base URLs of the services that own the proxied paths. */
    Backends backends();

    /** How long the public port waits for a client, and how many it serves at once. */
    Edge edge();

    /** Berth's registry port. */
    Registry registry();

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

        /** image-service: {@code /images}, {@code /build}, and the registry port's {@code /v2}. */
        URI images();

        /** volume-service: {@code /volumes}. */
        URI volumes();

        /** network-service: {@code /networks}. */
        URI networks();
    }

    /**
     * The public port's limits for clients that hold a connection without using it (README "Timeouts at the edge").
     * None applies once a request has been read in full: its answer may stream, or stay silent, for hours
     * ({@code wait}, {@code logs -f}, {@code events}, pulls, pushes, a hijacked attach or exec). 0 switches a limit off.
     */
    interface Edge {
        /** How long a keep-alive connection may sit idle between one answer and the next request before it is closed. */
        @WithDefault("PT2M")
        Duration idleTimeout();

        /** How long a request head may take to arrive, from its first byte (on a new connection: from the accept). */
        @WithDefault("PT30S")
        Duration headTimeout();

        /** How long a request body may stall (no byte while the gateway is reading) before the call is cut with 408. */
        @WithDefault("PT1M")
        Duration bodyTimeout();

        /** How many client connections the public port holds at once; one more is closed at once. */
        @WithDefault("4096")
        int maxConnections();
    }

    /** The registry's own listener (gateway/README.md, "The registry port"). */
    interface Registry {
        /** Its port; 0 lets the system choose (tests). */
        @WithDefault("5000")
        int port();

        /** Its address. */
        @WithDefault("127.0.0.1")
        String host();

        /**
         * Docker Hub's mirrors as image-service pulls through them ({@code BERTH_REGISTRY_MIRRORS}, read by both), shown
         * in {@code /info}'s {@code RegistryConfig.Mirrors} as dockerd shows its {@code registry-mirrors}.
         */
        java.util.Optional<List<String>> mirrors();
    }
}
