package io.berth.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a batch of outbox rows to Kafka in their order and tells what became of each; blocking, so the relay calls
 * it off the event loop.
 *
 * <p>The producer is idempotent with one request in flight per broker, so a partition's next batch leaves only
 * after the one before it was answered: Kafka's retries never reorder, and when a send finally fails (Kafka's own
 * retries used up within {@code delivery.timeout.ms}) nothing of its partition behind it has gone out yet. The
 * failing callback then closes the producer at once ({@code KafkaProducer#close(Duration)}: from a callback it does
 * not block, and it fails every record not yet sent), so the rows behind it stay unsent and the next run sends them
 * after it, with a new producer. A row Kafka refuses for good ({@link #refusedForGood}) does not stop the others:
 * it is never sent again, so no later row can overtake it.
 */
final class OutboxPublisher implements AutoCloseable {
    /** Kafka's default for a request's timeout; lower only when the whole delivery must be quicker. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> settings;
    private volatile Producer<String, byte[]> producer;
    private volatile boolean closed;

    OutboxPublisher(String bootstrapServers, Duration deliveryTimeout) {
        long deliveryMs = deliveryTimeout.toMillis();
        this.settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "berth-outbox-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryMs, REQUEST_TIMEOUT.toMillis()),
                // send() waits this long for a topic's metadata while the broker is unreachable.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
    }

    /**
     * One delivery per row, in the rows' order. Returns once Kafka has answered for every row it was given, which
     * its {@code delivery.timeout.ms} bounds.
     */
    List<Delivery> publish(List<OutboxRow> rows) {
        Producer<String, byte[]> kafka = producer();
        AtomicBoolean halted = new AtomicBoolean();
        List<CompletableFuture<Delivery>> answers = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            CompletableFuture<Delivery> answer = new CompletableFuture<>();
            answers.add(answer);
            if (halted.get()) {
                answer.complete(Delivery.kept(row, null));
                continue;
            }
            try {
                kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()), (metadata, error) -> {
                    if (error == null) {
                        answer.complete(Delivery.published(row));
                    } else if (refusedForGood(error)) {
                        answer.complete(Delivery.setAside(row, error));
                    } else {
                        halt(kafka, halted);
                        answer.complete(Delivery.kept(row, error));
                    }
                });
            } catch (RuntimeException e) {
                // send() throws rather than calls back once a failure above has closed the producer.
                halt(kafka, halted);
                answer.complete(Delivery.kept(row, e));
            }
        }
        List<Delivery> deliveries = answers.stream().map(CompletableFuture::join).toList();
        if (halted.get()) {
            producer = null;
        }
        return deliveries;
    }

    /**
     * True for what Kafka will refuse however often the row is sent: a record larger than the producer's
     * {@code max.request.size} or the topic's {@code max.message.bytes}, a record or topic name the broker finds
     * invalid. Everything else (broker down, leader moving, authorisation not yet granted) may pass later.
     */
    static boolean refusedForGood(Throwable error) {
        return error instanceof RecordTooLargeException
                || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException
                || error instanceof InvalidTopicException;
    }

    private static void halt(Producer<String, byte[]> kafka, AtomicBoolean halted) {
        if (halted.compareAndSet(false, true)) {
            // From a callback this returns at once; Kafka fails everything not yet sent with "closed forcefully".
            kafka.close(Duration.ZERO);
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            if (closed) {
                throw new IllegalStateException("the outbox relay is stopped");
            }
            current = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
            producer = current;
        }
        return current;
    }

    @Override
    public void close() {
        closed = true;
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
