package io.berth.container.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** container-service's own settings, all under {@code berth.container}. */
@ConfigMapping(prefix = "berth.container")
public interface ContainerServiceConfig {
    /**
     * This replica's name among the others: its static membership of the node-facts consumer group. Default
     * {@code container-service-<http port>}, so replicas on one machine differ; set {@code BERTH_INSTANCE_ID} elsewhere.
     */
    String instanceId();

    /** How long a container has to exit after SIGKILL before a stop or removal gives up on it. */
    @WithDefault("10s")
    Duration killGrace();

    /** How long after start-up the first pass waits, for the rest of the platform to be up. */
    @WithDefault("5s")
    Duration reconcileFirstPass();

    /** How often the node's bundles and runs are compared with the rows, and unfinished removals retried. */
    @WithDefault("30s")
    Duration reconcileInterval();

    /**
     * How long a move (a start, a removal) may be in flight before the reconciler settles it by the node's facts; a
     * start takes well under a second, a removal a few (it waits for attach streams to drain).
     */
    @WithDefault("15s")
    Duration reconcileGrace();
}
