package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.CloudEvent;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two container-service replicas on one database and one topic: the test application (A, which applies every exit)
 * and the packaged jar (B). A waiter on B learns of an exit applied on A from its announcement, and one container's
 * events stay in order on Kafka while both replicas change containers and both relays publish.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class TwoReplicasIT {
    /** Docker's order of one container's events: created, then runs (each maybe killed, dying, maybe stopped), then gone. */
    private static final Pattern LIFE = Pattern.compile("create( start( kill)* die( stop)?)*( destroy)?");
    private static SecondReplica replicaB;

    @TestHTTPResource("/")
    URI replicaA;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        replicaB = SecondReplica.start(KafkaResource.bootstrapServers());
    }

    @AfterAll
    static void stopSecondReplica() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    private static RequestSpecification on(URI replica) {
        return given().baseUri(replica.toString()).header("X-Berth-Tenant", "default").contentType("application/json");
    }

    private String createAndStartOnA(String name) {
        String id = on(replicaA).queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
        on(replicaA).post("/containers/" + id + "/start").then().statusCode(204);
        return id;
    }

    @Test
    void aWaitOnBIsAnsweredWithinASecondOfAnExitAppliedOnA() throws Exception {
        String id = createAndStartOnA("waited-on-b");
        HttpResponse<InputStream> head = openWait(replicaB.base(), id, "next-exit");

        on(replicaA).queryParam("signal", "KILL").post("/containers/" + id + "/kill").then().statusCode(204);
        long applied = awaitExitedOnA(id);
        String body = readBody(head);
        long answered = System.nanoTime();

        assertThat(body).isEqualTo("{\"StatusCode\":137,\"Error\":null}");
        assertThat(TimeUnit.NANOSECONDS.toMillis(answered - applied)).as("ms from the exit applied on A to B's answer")
                .isLessThan(1000);
        on(replicaB.base()).delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void aRemovalWaitOnBIsAnsweredWhenAremovesIt() throws Exception {
        String id = createAndStartOnA("removed-by-a");
        HttpResponse<InputStream> head = openWait(replicaB.base(), id, "removed");

        on(replicaA).queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);

        assertThat(readBody(head)).isEqualTo("{\"StatusCode\":137,\"Error\":null}");
    }

    @Test
    void eachContainersEventsStayInOrderWhileBothReplicasChangeThem() throws Exception {
        List<CompletableFuture<String>> lives = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            lives.add(CompletableFuture.supplyAsync(() -> live("ordered-" + n, n % 2 == 0)));
        }
        for (CompletableFuture<String> life : lives) {
            String id = life.get(60, TimeUnit.SECONDS);
            List<CloudEvent> events = ContainerLifecycleIT.TopicProbeFor.container(id, 17);
            String actions = events.stream().map(e -> e.typedAction().action()).collect(Collectors.joining(" "));
            assertThat(actions).as("events of %s", id).matches(LIFE).endsWith("destroy");
        }
    }

    /** One container's whole life, each call through the other replica than the one before. */
    private String live(String name, boolean startOnA) {
        URI first = startOnA ? replicaA : replicaB.base();
        URI second = startOnA ? replicaB.base() : replicaA;
        String id = on(first).queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
        for (int round = 0; round < 3; round++) {
            on(second).post("/containers/" + id + "/start").then().statusCode(204);
            on(first).queryParam("t", "1").post("/containers/" + id + "/stop").then().statusCode(204);
        }
        on(second).post("/containers/" + id + "/start").then().statusCode(204);
        on(first).queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
        return id;
    }

    /** POST /wait; returns once its head (200) arrived, which is when the waiter is registered. */
    private static HttpResponse<InputStream> openWait(URI replica, String id, String condition) throws Exception {
        HttpResponse<InputStream> head = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(replica.resolve("/containers/" + id + "/wait?condition=" + condition))
                        .header("X-Berth-Tenant", "default").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        assertThat(head.statusCode()).isEqualTo(200);
        return head;
    }

    private static String readBody(HttpResponse<InputStream> head) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = head.body()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** The moment A's row says exited, to within 10 ms. */
    private long awaitExitedOnA(String id) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            String status = on(replicaA).get("/containers/" + id + "/json").then().extract().path("State.Status");
            if ("exited".equals(status)) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the exit of " + id + " was never applied on A");
    }
}
