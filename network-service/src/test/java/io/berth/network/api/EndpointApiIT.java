package io.berth.network.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDie;
import io.berth.events.container.ContainerEvent;
import io.berth.events.network.NetworkEndpointEvent;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The internal calls container-service makes at create, start and connect, on a real PostgreSQL and Kafka: endpoints
 * with their addresses, MACs and aliases, host ports, dockerd's refusals, and their release when container events say
 * a run ended or the container is gone.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInWorker.class, restrictToAnnotatedClass = true)
class EndpointApiIT {
    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String network(String tenant, String body) {
        return as(tenant).body(body).post("/networks/create").then().statusCode(201).extract().path("Id");
    }

    private static ValidatableResponse lease(String tenant, String container, String body) {
        return as(tenant).body(body).put("/internal/containers/" + container + "/endpoints").then();
    }

    private static String container(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void startsGetAddressesInTurnWithDockersMacsAndAliases() {
        String app = network("lease", "{\"Name\":\"app\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.61.0.0/24\"}]}}");
        String a = container('a');
        String b = container('b');

        lease("lease", a, "{\"name\":\"web\",\"run\":1,\"networks\":[{\"network\":\"" + app + "\",\"aliases\":[\"www\"]}]}")
                .statusCode(200)
                .body("attachments[0].network.id", equalTo(app)).body("attachments[0].network.name", equalTo("app"))
                .body("attachments[0].network.bridge", equalTo("br-" + app.substring(0, 12)))
                .body("attachments[0].network.subnet", equalTo("10.61.0.0/24"))
                .body("attachments[0].network.gateway", equalTo("10.61.0.1"))
                .body("attachments[0].network.dns", equalTo(true)).body("attachments[0].network.internal", equalTo(false))
                .body("attachments[0].ipv4", equalTo("10.61.0.2")).body("attachments[0].prefixLength", equalTo(24))
                .body("attachments[0].mac", equalTo("02:42:0a:3d:00:02"))
                .body("attachments[0].aliases", equalTo(List.of("www", a.substring(0, 12))))
                .body("ports", equalTo(List.of()));
        lease("lease", b, "{\"name\":\"db\",\"run\":1,\"networks\":[{\"network\":\"" + app + "\",\"ipv4\":\"10.61.0.9\","
                + "\"mac\":\"02:AA:00:00:00:09\"}]}").statusCode(200)
                .body("attachments[0].ipv4", equalTo("10.61.0.9")).body("attachments[0].mac", equalTo("02:aa:00:00:00:09"));

        as("lease").get("/networks/app").then().statusCode(200)
                .body("Containers." + a + ".Name", equalTo("web")).body("Containers." + a + ".IPv4Address", equalTo("10.61.0.2/24"))
                .body("Containers." + b + ".MacAddress", equalTo("02:aa:00:00:00:09"));
        as("lease").delete("/networks/app").then().statusCode(403);
        // A taken address, and the gateway, are dockerd's "Address already in use"; nothing is held for the failed start.
        lease("lease", container('c'), "{\"name\":\"c\",\"run\":1,\"networks\":[{\"network\":\"" + app + "\",\"ipv4\":\"10.61.0.9\"}]}")
                .statusCode(403).body("message", equalTo("Address already in use"));
        lease("lease", container('c'), "{\"name\":\"c\",\"run\":1,\"networks\":[{\"network\":\"" + app + "\",\"ipv4\":\"10.61.0.1\"}]}")
                .statusCode(403).body("message", equalTo("Address already in use"));
        as("lease").get("/networks/app").then().body("Containers.size()", equalTo(2));

        List<CloudEvent> connects = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.NETWORKS,
                all -> all.stream().filter(e -> e.type().endsWith(".connect") && app.equals(e.subject())).count() == 2,
                Duration.ofSeconds(20)).stream().filter(e -> e.type().endsWith(".connect") && app.equals(e.subject())).toList();
        assertThat(connects).extracting(e -> e.dataAs(NetworkEndpointEvent.class).container()).containsExactly(a, b);
    }

    @Test
    void theDefaultBridgeHasNoAliasesNorFixedAddressesAndAMissingNetworkIsDockers404() {
        as("checks").body("[{\"network\":\"default\"},{\"network\":\"bridge\"}]").post("/internal/attachments/resolve")
                .then().statusCode(200).body("name", equalTo(List.of("bridge", "bridge")))
                .body("userDefined", equalTo(List.of(false, false)));
        as("checks").body("[{\"network\":\"bridge\",\"aliases\":[\"x\"],\"ipv4\":\"10.0.0.5\"}]").post("/internal/attachments/resolve")
                .then().statusCode(400).body("message", equalTo("invalid endpoint settings:\n"
                        + "user specified IP address is supported on user defined networks only\n"
                        + "network-scoped alias is supported only for containers in user defined networks"));
        network("checks", "{\"Name\":\"lan\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.62.0.0/24\"}]}}");
        as("checks").body("[{\"network\":\"lan\",\"ipv4\":\"10.63.0.5\"}]").post("/internal/attachments/resolve")
                .then().statusCode(400).body("message", equalTo("invalid endpoint settings:\n"
                        + "no configured subnet or ip-range contain the IP address 10.63.0.5"));
        as("checks").body("[{\"network\":\"lan\",\"mac\":\"nonsense\"}]").post("/internal/attachments/resolve")
                .then().statusCode(400).body("message", equalTo("invalid MAC address nonsense"));
        as("checks").body("[{\"network\":\"nonet\"}]").post("/internal/attachments/resolve")
                .then().statusCode(404).body("message", equalTo("network nonet not found"));
        as("other").body("[{\"network\":\"lan\"}]").post("/internal/attachments/resolve").then().statusCode(404);
    }

    @Test
    void aSecondConnectIsRefusedAndADisconnectReleases() {
        String net = network("connect", "{\"Name\":\"extra\"}");
        String id = container('d');
        lease("connect", id, "{\"name\":\"app1\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}]}").statusCode(200);

        as("connect").body("{\"name\":\"app1\",\"run\":1,\"endpoint\":{\"aliases\":[\"x\"]}}")
                .put("/internal/containers/" + id + "/endpoints/" + net).then().statusCode(200)
                .body("network.name", equalTo("extra")).body("aliases", equalTo(List.of("x", id.substring(0, 12))));
        as("connect").body("{\"name\":\"app1\",\"run\":1,\"endpoint\":{}}")
                .put("/internal/containers/" + id + "/endpoints/extra").then().statusCode(403)
                .body("message", equalTo("endpoint with name app1 already exists in network extra"));

        as("connect").delete("/internal/containers/" + id + "/endpoints/" + net).then().statusCode(204);
        as("connect").get("/networks/extra").then().body("Containers", equalTo(Map.of()));
        as("connect").get("/networks/bridge").then().body("Containers." + id + ".Name", equalTo("app1"));
    }

    @Test
    void portsArePublishedOnceOnTheNodeAcrossTenants() {
        lease("ports-a", container('e'), "{\"name\":\"web\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"tcp\",\"hostIp\":\"\",\"hostPort\":\"18080\"},"
                + "{\"containerPort\":81,\"protocol\":\"tcp\",\"hostIp\":\"127.0.0.1\",\"hostPort\":\"\"}]}")
                .statusCode(200)
                .body("ports[0].hostPort", equalTo(18080)).body("ports[0].hostIp", equalTo(""))
                .body("ports[1].hostIp", equalTo("127.0.0.1"));
        String endpoint = lease("ports-b", container('f'), "{\"name\":\"web2\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"tcp\",\"hostIp\":\"127.0.0.1\",\"hostPort\":\"18080\"}]}")
                .statusCode(500).extract().path("message");
        assertThat(endpoint).matches("driver failed programming external connectivity on endpoint web2 \\([0-9a-f]{64}\\): "
                + "Bind for 127.0.0.1:18080 failed: port is already allocated");
        // The failed start holds nothing: the other tenant's bridge shows no container, and udp 18080 is free.
        as("ports-b").get("/networks/bridge").then().body("Containers", equalTo(Map.of()));
        lease("ports-b", container('f'), "{\"name\":\"web2\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"udp\",\"hostIp\":\"\",\"hostPort\":\"18080-18090\"}]}")
                .statusCode(200).body("ports[0].hostPort", equalTo(18080));
    }

    @Test
    void aRunsDieReleasesItsOwnAndADestroyEverything() throws Exception {
        String id = container('9');
        lease("facts", id, "{\"name\":\"svc\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"tcp\",\"hostIp\":\"\",\"hostPort\":\"18181\"}]}").statusCode(200);
        // Run 2 starts before run 1's die arrives: the late die must leave run 2's endpoint and port alone.
        lease("facts", id, "{\"name\":\"svc\",\"run\":2,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"tcp\",\"hostIp\":\"\",\"hostPort\":\"18181\"}]}").statusCode(200);
        send(CloudEvent.of("/test", EventKind.CONTAINER, ContainerActions.DIE, id, "facts",
                new ContainerDie(id, "svc", "busybox", Map.of(), 0, 1)));
        String canary = container('8');
        send(CloudEvent.of("/test", EventKind.CONTAINER, ContainerActions.DESTROY, canary, "facts",
                new ContainerEvent(canary, "gone", "busybox", Map.of())));
        Thread.sleep(2000);
        as("facts").get("/networks/bridge").then().body("Containers." + id + ".Name", equalTo("svc"));

        send(CloudEvent.of("/test", EventKind.CONTAINER, ContainerActions.DIE, id, "facts",
                new ContainerDie(id, "svc", "busybox", Map.of(), 0, 2)));
        awaitNoContainers("facts");
        lease("facts-2", container('7'), "{\"name\":\"next\",\"run\":1,\"networks\":[{\"network\":\"bridge\"}],"
                + "\"ports\":[{\"containerPort\":80,\"protocol\":\"tcp\",\"hostIp\":\"\",\"hostPort\":\"18181\"}]}").statusCode(200);
        send(CloudEvent.of("/test", EventKind.CONTAINER, ContainerActions.DESTROY, container('7'), "facts-2",
                new ContainerEvent(container('7'), "next", "busybox", Map.of())));
        awaitNoContainers("facts-2");
    }

    private static void awaitNoContainers(String tenant) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Map<String, Object> containers = as(tenant).get("/networks/bridge").then().extract().path("Containers");
            if (containers.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the endpoints of " + tenant + " were never released");
    }

    private static void send(CloudEvent event) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", KafkaResource.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTAINERS, event.subject(), CloudEventCodec.encode(event)))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
