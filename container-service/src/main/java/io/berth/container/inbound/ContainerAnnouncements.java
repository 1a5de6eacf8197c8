package io.berth.container.inbound;

import io.berth.container.service.ExitWaiters;
import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDestroy;
import io.berth.events.container.ContainerDie;
import io.berth.outbox.TopicNames;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes this replica's waiters ({@code wait}, {@code stop}, {@code rm -f}) from the committed state's announcements on
 * {@code berth.containers}: an exit may be applied by any replica, and only its announcement reaches them all. Each
 * replica follows the topic with its own consumer, assigned to every partition without a group (nothing to share,
 * nothing to commit), from the end at start-up: a waiter only cares about what happens after it began. The replica
 * that applied an exit wakes its own waiters at once after the commit; this is how the others learn of it.
 */
@ApplicationScoped
public class ContainerAnnouncements {
    private static final Logger LOG = Logger.getLogger(ContainerAnnouncements.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often to look for partitions that appeared after the consumer began. */
    private static final Duration LOOK_FOR_PARTITIONS = Duration.ofSeconds(5);

    private final ExitWaiters waiters;
    private final String topic;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    ContainerAnnouncements(ExitWaiters waiters, TopicNames topics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.waiters = waiters;
        this.topic = topics.containers();
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "container-service-waiters");
        // No shorter fetch.max.wait.ms: the broker answers a waiting fetch as soon as one record is there.
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = Thread.ofPlatform().name("container-announcements").daemon().start(this::follow);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow() {
        Set<TopicPartition> assigned = new HashSet<>();
        long lookedAt = 0;
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            while (running) {
                if (System.nanoTime() - lookedAt > LOOK_FOR_PARTITIONS.toNanos() || assigned.isEmpty()) {
                    lookedAt = System.nanoTime();
                    assignNewPartitions(kafka, assigned);
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    wake(record);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "following %s stopped; waiters of other replicas' exits now wait for their timeouts", topic);
        }
    }

    /** Partitions found for the first time start at their end; those seen before keep their position. */
    private void assignNewPartitions(KafkaConsumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
        List<TopicPartition> found = kafka.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        List<TopicPartition> added = found.stream().filter(partition -> !assigned.contains(partition)).toList();
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        kafka.assign(assigned);
        kafka.seekToEnd(added);
        // Resolve the end positions now, so nothing committed after this moment is skipped.
        added.forEach(kafka::position);
    }

    private void wake(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = CloudEventCodec.decode(record.value());
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null || typed.kind() != EventKind.CONTAINER) {
            return;
        }
        switch (typed.action()) {
            case ContainerActions.DIE -> {
                ContainerDie die = event.dataAs(ContainerDie.class);
                waiters.exited(die.id(), die.exitCode());
            }
            case ContainerActions.DESTROY -> {
                ContainerDestroy destroy = event.dataAs(ContainerDestroy.class);
                waiters.removed(destroy.id(), destroy.exitCode());
            }
            default -> {
                // Other actions wake no waiter.
            }
        }
    }
}
