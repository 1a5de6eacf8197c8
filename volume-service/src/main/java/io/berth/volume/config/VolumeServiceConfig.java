package io.berth.volume.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** volume-service's own settings, all under {@code berth.volume}. */
@ConfigMapping(prefix = "berth.volume")
public interface VolumeServiceConfig {
    /**
     * This replica's static member id in the container-events consumer group. Default
     * {@code volume-service-<http port>}; set {@code BERTH_INSTANCE_ID} where replicas share a port.
     */
    String instanceId();

    /**
     * How long a volume reserved by a container create whose create event has not come counts as in use for certain.
     * A create may first fetch and unpack its image's layers (the worker's call may take five minutes), so this is
     * longer; after it, a removal asks container-service whether the container exists.
     */
    @WithDefault("10m")
    Duration reservationGrace();
}
