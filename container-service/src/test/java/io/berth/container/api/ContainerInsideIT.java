package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * top, diff, export and stats against the stand-in parts: Docker's shapes and statuses, the events dockerd sends
 * (top, export), and the refusals in Docker Engine 20.10's words (checked on its own socket, 2 Dec).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerInsideIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String name) {
        return as("default").queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
    }

    private static String running(String name) {
        String id = create(name);
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        return id;
    }

    @Test
    void topListsTheNodesPsAnswerAndIsAnnounced() {
        String id = running("in-top");
        as("default").queryParam("ps_args", "-o pid,comm").get("/containers/in-top/top").then().statusCode(200)
                .body("Titles", equalTo(List.of("PID", "CMD")))
                .body("Processes", equalTo(List.of(List.of("4242", "sleep 60"))));
        assertThat(StandInParts.TOP_ARGS.get(id)).isEqualTo("-o pid,comm");
        assertThat(ContainerLifecycleIT.TopicProbeFor.container(id, 3).stream().map(e -> e.typedAction().action()))
                .containsExactly("create", "start", "top");

        // dockerd's check of ps_args: only pid may be renamed PID.
        as("default").queryParam("ps_args", "-o user=PID").get("/containers/" + id + "/top").then().statusCode(400)
                .body("message", equalTo("specifying \"user=PID\" is not allowed"));
        as("default").queryParam("ps_args", "-o pid=PID").get("/containers/" + id + "/top").then().statusCode(200);
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);

        String created = create("in-top-created");
        as("default").get("/containers/" + created + "/top").then().statusCode(409)
                .body("message", equalTo("Container " + created + " is not running"));
        as("default").get("/containers/in-nobody/top").then().statusCode(404)
                .body("message", equalTo("No such container: in-nobody"));
        as("other").get("/containers/" + created + "/top").then().statusCode(404);
    }

    @Test
    void diffListsTheChangeAndNullWhenThereIsNone() {
        String changed = create("in-diff");
        StandInParts.CHANGED.set(changed);
        as("default").get("/containers/in-diff/changes").then().statusCode(200)
                .body("Path", equalTo(List.of("/tmp", "/tmp/new", "/bin/true")))
                .body("Kind", equalTo(List.of(0, 1, 2)));
        String unchanged = create("in-diff-none");
        String body = as("default").get("/containers/" + unchanged + "/changes").then().statusCode(200)
                .contentType("application/json").extract().asString();
        assertThat(body).isEqualTo("null");
        as("default").get("/containers/in-nobody/changes").then().statusCode(404)
                .body("message", equalTo("No such container: in-nobody"));
    }

    @Test
    void exportPassesTheNodesTarThroughAndIsAnnounced() {
        String id = create("in-export");
        byte[] tar = as("default").get("/containers/in-export/export").then().statusCode(200)
                .contentType("application/x-tar").extract().asByteArray();
        assertThat(tar).isEqualTo(StandInParts.EXPORTED);
        assertThat(ContainerLifecycleIT.TopicProbeFor.container(id, 2).stream().map(e -> e.typedAction().action()))
                .containsExactly("create", "export");
        as("default").get("/containers/in-nobody/export").then().statusCode(404)
                .body("message", equalTo("No such container: in-nobody"));
    }

    @Test
    void statsWithoutStreamAreTwoReadingsASecondApart() throws Exception {
        String id = running("in-stats");
        long began = System.nanoTime();
        JsonNode stats = JSON.readTree(as("default").get("/containers/" + id + "/stats?stream=false").then()
                .statusCode(200).contentType("application/json").extract().asString());
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(stats.path("name").asText()).isEqualTo("/in-stats");
        assertThat(stats.path("id").asText()).isEqualTo(id);
        assertThat(stats.path("preread").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong())
                .isGreaterThan(stats.path("precpu_stats").path("cpu_usage").path("total_usage").asLong());
        assertThat(stats.path("memory_stats").path("usage").asLong()).isEqualTo(1 << 20);
        assertThat(stats.path("num_procs").asInt()).isZero();

        JsonNode oneShot = JSON.readTree(as("default").get("/containers/" + id + "/stats?stream=false&one-shot=true")
                .then().statusCode(200).extract().asString());
        assertThat(oneShot.path("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(oneShot.path("precpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
    }

    @Test
    void streamedStatsComeEverySecondUntilTheClientGoes() throws Exception {
        String id = running("in-stats-stream");
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/containers/" + id + "/stats")).header("X-Berth-Tenant", "default").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            JsonNode first = JSON.readTree(lines.readLine());
            JsonNode second = JSON.readTree(lines.readLine());
            assertThat(first.path("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(second.path("preread").asText()).isEqualTo(first.path("read").asText());
            assertThat(second.path("precpu_stats")).isEqualTo(first.path("cpu_stats"));
        }
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
    }

    @Test
    void statsOfAContainerThatDoesNotRunAreDockersEmptyOnes() throws Exception {
        String id = create("in-stats-created");
        JsonNode stats = JSON.readTree(as("default").get("/containers/" + id + "/stats?stream=false").then()
                .statusCode(200).extract().asString());
        assertThat(stats.path("read").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(stats.path("name").asText()).isEqualTo("/in-stats-created");
        assertThat(stats.path("blkio_stats").path("io_service_bytes_recursive").isNull()).isTrue();
        as("default").get("/containers/in-nobody/stats?stream=false").then().statusCode(404)
                .body("message", equalTo("No such container: in-nobody"));
    }
}
