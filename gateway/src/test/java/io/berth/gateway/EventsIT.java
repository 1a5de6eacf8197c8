package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.berth.events.container.ContainerDie;
import io.berth.events.container.ContainerEvent;
import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /events} over a real Kafka broker: Docker's shape, the time window, filters and tenants. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class EventsIT {
    private static final String WEB = "a1".repeat(32);
    private static final String DB = "b2".repeat(32);
    /**
     * Events are stamped in the past, so a since/until window around them is already over; a constant, because
     * Quarkus loads a test class twice and both copies must agree on it.
     */
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00.123456789Z");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static boolean published;

    @TestHTTPResource("/")
    URL gateway;

    @BeforeAll
    static void publish() throws Exception {
        if (published) {
            return;
        }
        published = true;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, String> labels = Map.of("com.docker.compose.project", "proj");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            send(producer, Topics.CONTAINERS, event(EventKind.CONTAINER, "create", WEB, "default", 0,
                    new ContainerEvent(WEB, "web", "busybox", labels)));
            send(producer, Topics.CONTAINERS, event(EventKind.CONTAINER, "start", WEB, "default", 1,
                    new ContainerEvent(WEB, "web", "busybox", labels)));
            send(producer, Topics.CONTAINERS, event(EventKind.CONTAINER, "die", WEB, "default", 2,
                    new ContainerDie(WEB, "web", "busybox", labels, 3)));
            send(producer, Topics.CONTAINERS, event(EventKind.CONTAINER, "start", DB, "other", 3,
                    new ContainerEvent(DB, "db", "redis", Map.of())));
            send(producer, Topics.VOLUMES, event(EventKind.VOLUME, "create", "data", "default", 4,
                    Map.of("name", "data", "driver", "local")));
            send(producer, Topics.NODES, event(EventKind.NODE, "exit", WEB, "default", 5, Map.of("run", 1)));
            // Outside the window asked for below.
            send(producer, Topics.CONTAINERS, new CloudEvent("late", "test", EventKind.CONTAINER.type("destroy"), WEB,
                    T0.plusSeconds(30), "default", JSON.valueToTree(new ContainerEvent(WEB, "web", "busybox", labels))));
            producer.flush();
        }
    }

    private static CloudEvent event(EventKind kind, String action, String subject, String tenant, int plusMillis,
            Object payload) {
        return new CloudEvent(kind.word() + "-" + action + "-" + subject, "test", kind.type(action), subject,
                T0.plusMillis(plusMillis), tenant, JSON.valueToTree(payload));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, CloudEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.subject(), CloudEventCodec.encode(event))).get();
    }

    private static String window() {
        return "since=" + (T0.getEpochSecond() - 1) + "&until=" + T0.plusSeconds(10).getEpochSecond() + ".000000000";
    }

    private static List<JsonObject> events(String query) {
        Response response = given().urlEncodingEnabled(false).get("/v1.47/events?" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        return Arrays.stream(response.asString().split("\n")).filter(line -> !line.isBlank()).map(JsonObject::new).toList();
    }

    @Test
    void rendersTheTenantsEventsInDockersShape() {
        List<JsonObject> events = events(window());
        // One topic keeps its order; across topics there is none to keep.
        assertThat(events).extracting(e -> e.getString("Type") + " " + e.getString("Action"))
                .containsExactlyInAnyOrder("container create", "container start", "container die", "volume create");
        assertThat(events).filteredOn(e -> e.getString("Type").equals("container")).extracting(e -> e.getString("Action"))
                .containsExactly("create", "start", "die");
        JsonObject die = events.stream().filter(e -> e.getString("Action").equals("die")).findFirst().orElseThrow();
        assertThat(die.getString("status")).isEqualTo("die");
        assertThat(die.getString("id")).isEqualTo(WEB);
        assertThat(die.getString("from")).isEqualTo("busybox");
        assertThat(die.getString("scope")).isEqualTo("local");
        assertThat(die.getLong("time")).isEqualTo(T0.getEpochSecond());
        assertThat(die.getLong("timeNano")).isEqualTo(T0.getEpochSecond() * 1_000_000_000L + T0.getNano() + 2_000_000);
        assertThat(die.getJsonObject("Actor").getString("ID")).isEqualTo(WEB);
        assertThat(die.getJsonObject("Actor").getJsonObject("Attributes").getMap()).isEqualTo(Map.of(
                "com.docker.compose.project", "proj", "image", "busybox", "name", "web", "exitCode", "3"));
        JsonObject volume = events.stream().filter(e -> e.getString("Type").equals("volume")).findFirst().orElseThrow();
        assertThat(volume.containsKey("status")).isFalse();
        assertThat(volume.getJsonObject("Actor").getString("ID")).isEqualTo("data");
        assertThat(volume.getJsonObject("Actor").getJsonObject("Attributes").getMap())
                .isEqualTo(Map.of("name", "data", "driver", "local"));
    }

    @Test
    void filtersByTypeAndActionInBothForms() {
        assertThat(events(window() + "&filters=" + encode("{\"type\":{\"container\":true},\"event\":{\"die\":true,\"start\":true}}")))
                .extracting(e -> e.getString("Action")).containsExactly("start", "die");
        assertThat(events(window() + "&filters=" + encode("{\"type\":[\"volume\"]}")))
                .extracting(e -> e.getString("Action")).containsExactly("create");
    }

    @Test
    void filtersByContainerNameImageAndLabel() {
        assertThat(events(window() + "&filters=" + encode("{\"container\":[\"web\"],\"event\":[\"die\"]}"))).hasSize(1);
        assertThat(events(window() + "&filters=" + encode("{\"container\":[\"" + WEB.substring(0, 12) + "\"]}"))).hasSize(3);
        assertThat(events(window() + "&filters=" + encode("{\"image\":[\"busybox\"]}"))).hasSize(3);
        assertThat(events(window() + "&filters=" + encode("{\"label\":[\"com.docker.compose.project=proj\"]}"))).hasSize(3);
        assertThat(events(window() + "&filters=" + encode("{\"label\":[\"com.docker.compose.project=other\"]}"))).isEmpty();
    }

    @Test
    void anotherTenantsEventsStayHidden() {
        assertThat(events(window() + "&filters=" + encode("{\"container\":[\"db\"]}"))).isEmpty();
        assertThat(events(window())).noneMatch(e -> e.getJsonObject("Actor").getString("ID").equals(DB));
    }

    @Test
    void sinceAndUntilAcceptRfc3339() {
        assertThat(events("since=" + T0.minusSeconds(1) + "&until=" + T0.plusMillis(1))).hasSize(2);
    }

    @Test
    void theDockerCliReadsTheStream() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DockerCli.present());
        DockerCli.Result events = DockerCli.run(gateway.getPort(), Map.of(), "events",
                "--since", Long.toString(T0.getEpochSecond() - 1), "--until", Long.toString(T0.getEpochSecond() + 10),
                "--filter", "type=container", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Status}}");
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.out()).isEqualTo("container create web create\ncontainer start web start\ncontainer die web die\n");
    }

    @Test
    void aMalformedTimeIsABadRequest() {
        given().get("/v1.47/events?since=yesterday").then().statusCode(400);
    }

    @Test
    void withoutSinceOnlyNewEventsAreShownAndTheHeadComesAtOnce() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("GET /v1.47/events?filters=" + encode("{\"type\":[\"network\"]}") + " HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 200").contains("application/json");
            // Nothing old comes: the stream starts from now.
            assertThat(client.quietFor(1500)).isTrue();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
                send(producer, Topics.NETWORKS, CloudEvent.of("test", EventKind.NETWORK, "create", "n1", "default",
                        Map.of("name", "app", "type", "bridge")));
            }
            String chunk = client.readUntil("\n\r\n", 10000);
            assertThat(chunk).contains("\"Type\":\"network\"").contains("\"Action\":\"create\"").contains("\"ID\":\"n1\"");
        }
    }

    private static String encode(String json) {
        return java.net.URLEncoder.encode(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
