package io.berth.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's meters. In Prometheus's format: {@code berth_outbox_published_total},
 * {@code berth_outbox_dead_letters_total} and {@code berth_outbox_lag_seconds}.
 */
final class OutboxMetrics {
    private final Counter published;
    private final Counter deadLetters;
    /** How long the oldest waiting event had waited when this relay last looked, in milliseconds. */
    private final AtomicLong lagMillis = new AtomicLong();

    OutboxMetrics(MeterRegistry registry) {
        published = Counter.builder("berth.outbox.published")
                .description("Events this relay published to Kafka")
                .register(registry);
        deadLetters = Counter.builder("berth.outbox.dead.letters")
                .description("Events Kafka refused for good, set aside in the outbox_dead_letter table")
                .register(registry);
        Gauge.builder("berth.outbox.lag", this, OutboxMetrics::lagSeconds)
                .description("How long the oldest event in the outbox had waited when the relay last looked")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Notes when the oldest event in the outbox was written; null when the outbox was empty. */
    void sawOldest(Instant writtenAt) {
        lagMillis.set(writtenAt == null ? 0 : Math.max(0, Duration.between(writtenAt, Instant.now()).toMillis()));
    }

    void count(Delivery delivery) {
        switch (delivery.outcome()) {
            case PUBLISHED -> published.increment();
            case SET_ASIDE -> deadLetters.increment();
            case KEPT -> {
            }
        }
    }

    private double lagSeconds() {
        return lagMillis.get() / 1000.0;
    }
}
