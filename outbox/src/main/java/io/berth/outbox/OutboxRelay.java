package io.berth.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka, oldest first, and deletes a row only after Kafka acknowledged it: an event may be
 * sent twice after a crash (consumers apply each id once) but is never lost.
 *
 * <p>It runs when woken after a commit and on a periodic sweep that catches anything a crash or a Kafka outage
 * left behind. Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same row at once.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final Vertx vertx;
    private final String bootstrapServers;
    private final Duration sweep;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private KafkaProducer<String, byte[]> producer;
    private long timer = -1;

    OutboxRelay(Pool pool, Vertx vertx, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "berth.outbox.sweep", defaultValue = "PT1S") Duration sweep) {
        this.pool = pool;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
        this.sweep = sweep;
    }

    void start(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "berth-outbox-relay");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        timer = vertx.setPeriodic(sweep.toMillis(), id -> wakeUp());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks for a run now; runs never overlap, and a wake-up during a run causes one more run after it. */
    public void wakeUp() {
        wanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        wanted.set(false);
        publishBatch().subscribe().with(sent -> finished(sent == BATCH), failure -> {
            LOG.warnf("outbox relay: %s (will retry)", failure.getMessage());
            finished(false);
        });
    }

    private void finished(boolean more) {
        running.set(false);
        if (more || wanted.get()) {
            wakeUp();
        }
    }

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT seq, topic, message_key, payload FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return sendAll(batch).flatMap(ignored -> delete(connection, batch)).replaceWith(batch.size());
                }));
    }

    private Uni<Void> sendAll(List<Row> batch) {
        List<Uni<Void>> sends = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"),
                    row.getString("message_key"), row.getBuffer("payload").getBytes());
            sends.add(Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, error) -> {
                if (error == null) {
                    emitter.complete(null);
                } else {
                    emitter.fail(error);
                }
            })));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Uni<Void> delete(SqlConnection connection, List<Row> batch) {
        Long[] seqs = batch.stream().map(row -> row.getLong("seq")).toArray(Long[]::new);
        return connection.preparedQuery("DELETE FROM outbox WHERE seq = ANY($1)").execute(Tuple.of(seqs)).replaceWithVoid();
    }
}
