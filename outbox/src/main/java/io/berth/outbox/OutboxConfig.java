package io.berth.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay's settings, under {@code berth.outbox}. */
@ConfigMapping(prefix = "berth.outbox")
public interface OutboxConfig {
    /** How often the relay looks for events no wake-up published: after a crash, an outage, another replica's turn. */
    @WithDefault("PT1S")
    Duration sweep();

    /** How many events one run of the relay takes, oldest first. */
    @WithDefault("200")
    int batchSize();

    /**
     * How long Kafka may take to acknowledge an event (Kafka's {@code delivery.timeout.ms}) before the run gives up
     * on it and keeps it, with every event behind it, for the next run. The run holds a database connection that
     * long while the broker is down.
     */
    @WithDefault("PT30S")
    Duration deliveryTimeout();
}
