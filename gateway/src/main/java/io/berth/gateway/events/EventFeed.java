package io.berth.gateway.events;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.gateway.api.EventMessage;
import io.berth.gateway.api.EventQuery;
import io.berth.gateway.api.EventRenderer;
import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code GET /events} as a view over the resource topics (surface §3.4): one plain consumer per call, assigned to
 * every partition without a group (nothing to rebalance, nothing committed), polled on its own virtual thread, never
 * on the event loop, and closed when the client goes away. Without {@code since} it shows what happens from now on;
 * with {@code until} it ends once it has caught up with the topics and the clock has passed that time.
 */
@ApplicationScoped
public class EventFeed {
    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(5);
    /** How often a running stream looks for topics or partitions that appeared after it began. */
    private static final Duration LOOK_FOR_PARTITIONS = Duration.ofSeconds(2);
    /** How long the consumer waits before looking again whether a slow client has taken what was sent. */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(50);

    private final GatewayConfig config;
    private final String bootstrapServers;
    private final Vertx vertx;

    EventFeed(GatewayConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Vertx vertx) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.vertx = vertx;
    }

    /**
     * Sends 200 and the headers at once (dockerd flushes them before the first event, and the CLI waits for them),
     * then one JSON object per line, chunked.
     */
    public void stream(HttpServerResponse response, TenantId tenant, EventQuery query) {
        response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        response.writeHead();
        AtomicBoolean gone = new AtomicBoolean();
        response.closeHandler(closed -> gone.set(true));
        Context context = vertx.getOrCreateContext();
        Thread.ofVirtual().name("events-" + tenant.value()).start(() -> {
            try {
                consume(tenant, query, gone, line -> {
                    // A slow reader holds the consumer back instead of filling the gateway's memory.
                    while (response.writeQueueFull() && !gone.get()) {
                        pause();
                    }
                    context.runOnContext(v -> {
                        if (!gone.get() && !response.ended()) {
                            response.write(line);
                        }
                    });
                });
            } catch (RuntimeException e) {
                LOG.warnf("/events for tenant %s stopped: %s", tenant, e.toString());
            } finally {
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(DRAIN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the client was slow", e);
        }
    }

    private void consume(TenantId tenant, EventQuery query, AtomicBoolean gone, Consumer<Buffer> send) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            position(consumer, partitions, query.since());
            long nextLook = System.nanoTime() + LOOK_FOR_PARTITIONS.toNanos();
            while (!gone.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    EventMessage message = render(record, tenant, query);
                    if (message != null) {
                        send.accept(Buffer.buffer(message.toLine()));
                    }
                }
                if (query.until() != null && Instant.now().isAfter(query.until()) && caughtUp(consumer, partitions)) {
                    return;
                }
                if (System.nanoTime() > nextLook) {
                    partitions = addNewPartitions(consumer, partitions, query.since());
                    nextLook = System.nanoTime() + LOOK_FOR_PARTITIONS.toNanos();
                }
            }
        }
    }

    /**
     * A topic that did not exist when the stream began (no network made yet) or gained partitions: everything in the
     * new partitions was written after the stream began, so they are read from their start (or from {@code since}).
     */
    private List<TopicPartition> addNewPartitions(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> known,
            Instant since) {
        List<TopicPartition> now = partitions(consumer);
        List<TopicPartition> added = now.stream().filter(p -> !known.contains(p)).toList();
        if (added.isEmpty()) {
            return known;
        }
        List<TopicPartition> all = new ArrayList<>(known);
        all.addAll(added);
        consumer.assign(all);
        if (since == null) {
            consumer.seekToBeginning(added);
            added.forEach(consumer::position);
        } else {
            position(consumer, added, since);
        }
        return all;
    }

    /** The Docker message for one record, or null when it is not for this caller or this query. */
    static EventMessage render(ConsumerRecord<String, byte[]> record, TenantId tenant, EventQuery query) {
        CloudEvent event;
        try {
            event = CloudEventCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.debugf("skipping %s-%d@%d, not a Berth CloudEvent: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
        // A tenant sees its own events only (ARCHITECTURE.md, rule 4).
        if (!tenant.value().equals(event.tenant()) || !query.inWindow(event.time())) {
            return null;
        }
        EventMessage message = EventRenderer.render(event);
        return message != null && query.matches(message) ? message : null;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : config.eventTopics()) {
            consumer.partitionsFor(topic, METADATA).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /**
     * From now on without {@code since}; otherwise from the first record stamped at or after it. A record's Kafka
     * time is never earlier than its event's time (the outbox relay publishes after the fact), so nothing in the
     * window is skipped; what lies before it is dropped by {@link EventQuery#inWindow}.
     */
    private static void position(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant since) {
        if (since == null) {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since.toEpochMilli()));
        List<TopicPartition> nothingSince = new ArrayList<>();
        consumer.offsetsForTimes(times).forEach((partition, offset) -> {
            if (offset == null) {
                nothingSince.add(partition);
            } else {
                consumer.seek(partition, offset.offset());
            }
        });
        if (!nothingSince.isEmpty()) {
            // Never with an empty list: that means every assigned partition to KafkaConsumer.seekToEnd.
            consumer.seekToEnd(nothingSince);
            nothingSince.forEach(consumer::position);
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "berth-gateway-events");
        // Reading must not create topics: their partitions and settings are the publishers' to decide.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }
}
