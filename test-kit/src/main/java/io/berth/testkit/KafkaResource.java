package io.berth.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.berth.events.Topics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node Kafka broker in KRaft mode, inside the test JVM. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private static volatile String bootstrapServers;
    private Map<String, String> brokerConfig = Map.of();
    private KafkaClusterTestKit cluster;

    /** Broker settings beyond the defaults below (for example {@code advertised.listeners}), from the init args. */
    @Override
    public void init(Map<String, String> initArgs) {
        brokerConfig = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0");
            brokerConfig.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            createBerthTopics(cluster.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
        bootstrapServers = cluster.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    /**
     * Berth's topics exist before any service or probe touches them: a first producer or consumer racing the
     * broker's auto-creation can wait out its whole timeout on a young broker.
     */
    private static void createBerthTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Stream.of(Topics.CONTAINERS, Topics.IMAGES, Topics.VOLUMES, Topics.NETWORKS, Topics.NODES)
                    .map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Where the running broker listens, for tests that read topics themselves. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
