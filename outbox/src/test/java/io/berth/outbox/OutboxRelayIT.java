package io.berth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay against real PostgreSQL and a real Kafka broker (test-kit), with the tables its Flyway location makes:
 * order, deletes of exactly what Kafka acknowledged, poison rows, two relays on one database, a broker outage.
 */
class OutboxRelayIT {
    private static final PostgresResource POSTGRES = new PostgresResource();
    private static final KafkaResource KAFKA = new KafkaResource();
    /** Between the broker's LINKED listener and the relays that use it; the outage test cuts it. */
    private static final BrokerLink LINK = BrokerLink.open();
    private static final Duration SWEEP = Duration.ofMillis(100);
    private static final int BATCH = 50;

    private static Vertx vertx;
    private static PgConnectOptions database;
    private static Pool writer;
    private static String bootstrap;
    private static String linkedBootstrap;

    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Pool> relayPools = new ArrayList<>();

    /** The settings a service gives in configuration, quick ones for a test. */
    record Settings(Duration sweep, int batchSize, Duration deliveryTimeout) implements OutboxConfig {
    }

    @BeforeAll
    static void start() throws IOException {
        // A second listener whose advertised address is the link: clients bootstrapped there stay behind it.
        int linkedPort = BrokerLink.freePort();
        KAFKA.init(Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LINKED://127.0.0.1:" + linkedPort,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LINKED:PLAINTEXT",
                "advertised.listeners", "EXTERNAL://localhost:0,LINKED://127.0.0.1:" + LINK.port()));
        bootstrap = KAFKA.start().get("kafka.bootstrap.servers");
        LINK.target(linkedPort);
        linkedBootstrap = "127.0.0.1:" + LINK.port();

        Map<String, String> postgres = POSTGRES.start();
        database = PgConnectOptions.fromUri(postgres.get("quarkus.datasource.reactive.url"))
                .setUser(postgres.get("quarkus.datasource.username"))
                .setPassword(postgres.get("quarkus.datasource.password"));
        vertx = Vertx.vertx();
        writer = pool(8);
        try (InputStream ddl = OutboxRelay.class.getClassLoader().getResourceAsStream("db/outbox/R__berth_outbox_tables.sql")) {
            writer.query(new String(ddl.readAllBytes(), StandardCharsets.UTF_8)).execute().await().indefinitely();
        }
    }

    @AfterAll
    static void stop() {
        writer.closeAndAwait();
        vertx.closeAndAwait();
        LINK.close();
        KAFKA.stop();
        POSTGRES.stop();
    }

    @BeforeEach
    void emptyTables() {
        writer.query("DELETE FROM outbox; DELETE FROM outbox_dead_letter").execute().await().indefinitely();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        relayPools.forEach(Pool::closeAndAwait);
    }

    @Test
    void publishesInCommitOrderAndDeletesExactlyWhatKafkaAcknowledged() {
        String topic = topic(3, Map.of());
        List<String> keys = List.of("a", "b", "c", "d", "e");
        for (int n = 0; n < 30; n++) {
            for (String key : keys) {
                write(topic, key, n);
            }
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        relay(bootstrap, Duration.ofSeconds(10), meters).wakeUp();

        awaitOutboxEmpty(Duration.ofSeconds(30));
        sleep(SWEEP.multipliedBy(5)); // more sweeps: nothing is sent again
        List<String> events = events(topic);
        assertThat(events).hasSize(150);
        assertInOrder(events, keys, 30);
        assertThat(meters.scrape()).contains("berth_outbox_published_total 150.0")
                .contains("berth_outbox_dead_letters_total 0.0")
                .contains("berth_outbox_lag_seconds 0.0");
    }

    @Test
    void setsAsideWhatKafkaRefusesForGoodAndPublishesTheRowsBehindItOnce() {
        // One partition, so the topic's order is the outbox's order; the broker takes at most 100 kB a record.
        String topic = topic(1, Map.of("max.message.bytes", "100000"));
        write(topic, "a", 0);
        write(topic, "a", 1);
        // A container created with a 2 MiB label: over the producer's max.request.size, refused before sending.
        String tooLargeToSend = writeWithLabel(topic, "a", 2 * 1024 * 1024);
        write(topic, "a", 2);
        write(topic, "b", 0);
        // Sendable, but over the topic's max.message.bytes: the broker refuses it.
        String refusedByBroker = writeWithLabel(topic, "b", 200_000);
        write(topic, "b", 1);
        write(topic, "a", 3);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        relay(bootstrap, Duration.ofSeconds(10), meters).wakeUp();

        awaitOutboxEmpty(Duration.ofSeconds(30));
        sleep(SWEEP.multipliedBy(5));
        assertThat(events(topic)).containsExactly("a:0", "a:1", "a:2", "b:0", "b:1", "a:3");
        List<Row> deadLetters = new ArrayList<>();
        writer.query("SELECT event_id, topic, message_key, length(payload) AS size, reason, set_aside_at"
                + " FROM outbox_dead_letter ORDER BY seq").execute().await().indefinitely().forEach(deadLetters::add);
        assertThat(deadLetters).extracting(row -> row.getString("event_id")).containsExactly(tooLargeToSend, refusedByBroker);
        assertThat(deadLetters).extracting(row -> row.getString("topic")).containsOnly(topic);
        assertThat(deadLetters).extracting(row -> row.getString("message_key")).containsExactly("a", "b");
        assertThat(deadLetters).extracting(row -> row.getInteger("size"))
                .satisfiesExactly(size -> assertThat(size).isGreaterThan(2 * 1024 * 1024),
                        size -> assertThat(size).isBetween(200_000, 1024 * 1024));
        assertThat(deadLetters).allSatisfy(row -> {
            assertThat(row.getString("reason")).startsWith("RecordTooLargeException: ");
            assertThat(row.getOffsetDateTime("set_aside_at")).isNotNull();
        });
        assertThat(meters.scrape()).contains("berth_outbox_dead_letters_total 2.0")
                .contains("berth_outbox_published_total 6.0");
    }

    @Test
    void twoRelaysOnOneDatabaseKeepEachKeysEventsInOrder() throws InterruptedException {
        String topic = topic(3, Map.of());
        PrometheusMeterRegistry firstMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry secondMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Small batches, so that each relay's turn is short and both take many turns even on a busy machine.
        List<OutboxRelay> both = List.of(relay(bootstrap, Duration.ofSeconds(10), firstMeters, 4),
                relay(bootstrap, Duration.ofSeconds(10), secondMeters, 4));
        List<String> keys = IntStream.range(0, 8).mapToObj(i -> "k" + i).toList();
        int perKey = 100;
        // Four writers, each the only writer of its two keys (as a row lock makes one resource's writers take
        // turns), each waking one of the relays at random after every commit, as two replicas would.
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<String> own = keys.subList(2 * w, 2 * w + 2);
            writers.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < perKey; n++) {
                    for (String key : own) {
                        write(topic, key, n);
                        both.get(ThreadLocalRandom.current().nextInt(2)).wakeUp();
                    }
                }
            }));
        }
        for (Thread thread : writers) {
            thread.join();
        }

        awaitOutboxEmpty(Duration.ofSeconds(60));
        sleep(SWEEP.multipliedBy(5));
        List<String> events = events(topic);
        assertThat(events).hasSize(keys.size() * perKey);
        assertInOrder(events, keys, perKey);
        double first = published(firstMeters);
        double second = published(secondMeters);
        assertThat(first + second).isEqualTo(keys.size() * perKey);
        assertThat(first).as("the first relay took turns").isPositive();
        assertThat(second).as("the second relay took turns").isPositive();
    }

    @Test
    void keepsEverythingWhileTheBrokerIsDownAndPublishesItInOrderWhenItIsBack() {
        String topic = topic(3, Map.of());
        List<String> keys = List.of("a", "b", "c", "d");
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OutboxRelay relay = relay(linkedBootstrap, Duration.ofSeconds(2), meters);
        writeRound(topic, keys, 0, 5, relay);
        awaitOutboxEmpty(Duration.ofSeconds(30));

        LINK.cut();
        try {
            writeRound(topic, keys, 5, 15, relay);
            sleep(Duration.ofSeconds(4)); // twice the delivery timeout: runs failed and kept their rows
            assertThat(count("outbox")).isEqualTo(40);
            assertThat(count("outbox_dead_letter")).isZero();
        } finally {
            LINK.restore();
        }
        writeRound(topic, keys, 15, 20, relay);

        awaitOutboxEmpty(Duration.ofSeconds(30));
        List<String> events = events(topic);
        assertThat(events).hasSize(80);
        assertInOrder(events, keys, 20);
        assertThat(meters.scrape()).contains("berth_outbox_published_total 80.0")
                .contains("berth_outbox_dead_letters_total 0.0");
    }

    private void writeRound(String topic, List<String> keys, int from, int to, OutboxRelay relay) {
        for (int n = from; n < to; n++) {
            for (String key : keys) {
                write(topic, key, n);
                relay.wakeUp();
            }
        }
    }

    /** Each key's events on the topic are key:0, key:1, ... key:(count - 1), in that order. */
    private static void assertInOrder(List<String> events, List<String> keys, int count) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        events.forEach(event -> byKey.computeIfAbsent(event.substring(0, event.indexOf(':')), k -> new ArrayList<>()).add(event));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        byKey.forEach((key, values) -> assertThat(values).as("events of " + key)
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(n -> key + ":" + n).toList()));
    }

    private static double published(PrometheusMeterRegistry meters) {
        return meters.get("berth.outbox.published").counter().count();
    }

    private OutboxRelay relay(String bootstrapServers, Duration deliveryTimeout, PrometheusMeterRegistry meters) {
        return relay(bootstrapServers, deliveryTimeout, meters, BATCH);
    }

    private OutboxRelay relay(String bootstrapServers, Duration deliveryTimeout, PrometheusMeterRegistry meters,
            int batchSize) {
        Pool pool = pool(2);
        relayPools.add(pool);
        OutboxRelay relay = new OutboxRelay(pool, vertx, new Settings(SWEEP, batchSize, deliveryTimeout),
                bootstrapServers, meters);
        relay.start();
        relays.add(relay);
        return relay;
    }

    private static Pool pool(int size) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(database).using(vertx).build();
    }

    /** Commits the n-th event of a resource in its own transaction, as a service does with its change. */
    private static String write(String topic, String key, int n) {
        return write(topic, CloudEvent.of("/outbox-it", EventKind.CONTAINER, "start", key, "default", Map.of("n", n)));
    }

    /** Commits a container's create event with a label of the given size. */
    private static String writeWithLabel(String topic, String key, int labelBytes) {
        return write(topic, CloudEvent.of("/outbox-it", EventKind.CONTAINER, "create", key, "default",
                Map.of("labels", Map.of("big", "x".repeat(labelBytes)))));
    }

    /** Writes the row {@link Outbox#add} writes, in its own transaction; returns the event id. */
    private static String write(String topic, CloudEvent event) {
        writer.preparedQuery("INSERT INTO outbox (event_id, topic, message_key, payload, created_at) VALUES ($1, $2, $3, $4, now())")
                .execute(Tuple.of(event.id(), topic, event.subject(), Buffer.buffer(CloudEventCodec.encode(event))))
                .await().indefinitely();
        return event.id();
    }

    /** Each record as "subject:n", n the event's number. */
    private static List<String> events(String topic) {
        return TopicRecords.readAll(bootstrap, topic).stream().map(record -> {
            CloudEvent event = CloudEventCodec.decode(record.value());
            assertThat(record.key()).isEqualTo(event.subject());
            return event.subject() + ":" + event.data().get("n").asInt();
        }).toList();
    }

    private static long count(String table) {
        return writer.query("SELECT count(*) FROM " + table).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static void awaitOutboxEmpty(Duration timeout) {
        await("the outbox to be empty", timeout, () -> count("outbox") == 0);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A new topic of its own for one test, so that counting its records counts only that test's. */
    private static String topic(int partitions, Map<String, String> config) {
        String name = "outbox-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return name;
    }
}
