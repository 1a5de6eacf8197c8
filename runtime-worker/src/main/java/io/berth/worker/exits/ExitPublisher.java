package io.berth.worker.exits;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.node.ContainerExited;
import io.berth.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes exit announcements on {@code berth.nodes}, and says only once Kafka acknowledged one. */
@ApplicationScoped
public class ExitPublisher {
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String source;

    ExitPublisher(WorkerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 14_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "runtime-worker-" + config.node());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = config.nodesTopic();
        this.source = "/berth/nodes/" + config.node();
    }

    /** Sends the exit and waits for the broker's acknowledgement; throws when it did not come. */
    public void publish(String tenant, ContainerExited exited) throws ExitNotPublishedException {
        CloudEvent event = CloudEvent.of(exited.eventId(), source, EventKind.NODE, ContainerExited.ACTION,
                exited.containerId(), tenant, exited);
        try {
            producer.send(new ProducerRecord<>(topic, exited.containerId(), CloudEventCodec.encode(event)))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new ExitNotPublishedException(exited.eventId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitNotPublishedException(exited.eventId(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge an exit; it stays unreported and is tried again. */
    public static class ExitNotPublishedException extends Exception {
        ExitNotPublishedException(String eventId, Throwable cause) {
            super("exit " + eventId + " not acknowledged by Kafka: " + cause.getMessage(), cause);
        }
    }
}
