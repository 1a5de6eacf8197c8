package io.berth.testkit;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its start, for tests that check which events a service published. */
public final class TopicProbe {
    private TopicProbe() {
    }

    /** Waits until the topic holds an event that matches, and returns every event read so far. */
    public static List<CloudEvent> awaitEvents(String bootstrapServers, String topic, Predicate<List<CloudEvent>> done,
            Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<CloudEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) {
                    // The topic may not exist yet, and on a busy machine the broker may take longer than a
                    // second to answer: ask again until it does, within the caller's timeout.
                    try {
                        consumer.partitionsFor(topic, Duration.ofSeconds(1))
                                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    } catch (TimeoutException slowBroker) {
                        continue;
                    }
                    if (partitions.isEmpty()) {
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(CloudEventCodec.decode(record.value()));
                }
                if (done.test(events)) {
                    return events;
                }
            }
        }
        throw new AssertionError("topic " + topic + " did not get the expected events in " + timeout + "; it has: "
                + events.stream().map(e -> e.type() + " " + e.subject()).toList());
    }
}
