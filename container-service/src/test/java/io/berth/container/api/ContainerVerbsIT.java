package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.events.container.ContainerPrune;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle verbs beyond start, stop and kill against the stand-in parts: pause and unpause, a kill that thaws,
 * stop with the container's and the image's stop signal and timeout, restart, prune; each refusal in Docker Engine
 * 20.10's words and status (checked on its own socket, 2 Dec).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerVerbsIT {
    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String tenant, String name, String body) {
        return as(tenant).queryParam("name", name).body(body).post("/containers/create")
                .then().statusCode(201).extract().path("Id");
    }

    private static String running(String name, String body) {
        String id = create("default", name, body);
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        return id;
    }

    /** Retries {@code check} for up to ten seconds: the exit comes back through Kafka. */
    private static void eventually(Runnable check) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static List<String> actions(String id, int count) {
        return ContainerLifecycleIT.TopicProbeFor.container(id, count).stream().map(e -> e.typedAction().action()).toList();
    }

    @Test
    void aPausedContainerIsRunningAndPausedAndRefusesWhatDockerRefuses() {
        String id = running("vb-pause", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");

        as("default").post("/containers/vb-pause/pause").then().statusCode(204);
        assertThat(StandInParts.PAUSED).contains(id);
        as("default").get("/containers/" + id + "/json").then().statusCode(200)
                .body("State.Status", equalTo("paused")).body("State.Running", equalTo(true))
                .body("State.Paused", equalTo(true));
        String status = as("default").get("/containers/json").then().statusCode(200)
                .extract().path("find { it.Id == '" + id + "' }.Status");
        assertThat(status).startsWith("Up ").endsWith(" (Paused)");

        as("default").post("/containers/" + id + "/pause").then().statusCode(409)
                .body("message", equalTo("Container " + id + " is already paused"));
        as("default").body("{\"Cmd\":[\"true\"]}").post("/containers/vb-pause/exec").then().statusCode(409)
                .body("message", equalTo("Container vb-pause is paused, unpause the container before exec"));
        as("default").post("/containers/" + id + "/start").then().statusCode(409)
                .body("message", equalTo("cannot start a paused container, try unpause instead"));
        as("default").delete("/containers/" + id).then().statusCode(409)
                .body("message", equalTo("You cannot remove a paused container " + id + ". Unpause and then stop the"
                        + " container before attempting removal or force remove"));

        as("default").post("/containers/" + id + "/unpause").then().statusCode(204);
        assertThat(StandInParts.PAUSED).doesNotContain(id);
        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"))
                .body("State.Paused", equalTo(false));
        // dockerd 20.10 answers 500 here: a plain error, not a conflict.
        as("default").post("/containers/" + id + "/unpause").then().statusCode(500)
                .body("message", equalTo("Container " + id + " is not paused"));
        assertThat(actions(id, 4)).containsExactly("create", "start", "pause", "unpause");
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
    }

    @Test
    void onlyARunningContainerCanBePaused() {
        String id = create("default", "vb-created", "{\"Image\":\"busybox\"}");
        as("default").post("/containers/" + id + "/pause").then().statusCode(409)
                .body("message", equalTo("Container " + id + " is not running"));
        as("default").post("/containers/" + id + "/unpause").then().statusCode(500)
                .body("message", equalTo("Container " + id + " is not paused"));
        as("default").post("/containers/vb-nobody/pause").then().statusCode(404)
                .body("message", equalTo("No such container: vb-nobody"));
        as("default").post("/containers/vb-nobody/unpause").then().statusCode(404);
        // Another tenant's container is absent.
        as("other").post("/containers/" + id + "/pause").then().statusCode(404);
        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("created"));
    }

    @Test
    void aKillOfAPausedContainerThawsItAsDockerdDoes() {
        String id = running("vb-kill-paused", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");
        as("default").post("/containers/" + id + "/pause").then().statusCode(204);

        as("default").post("/containers/" + id + "/kill").then().statusCode(204);

        eventually(() -> as("default").get("/containers/" + id + "/json")
                .then().body("State.Status", equalTo("exited")).body("State.ExitCode", equalTo(137)));
        assertThat(StandInParts.PAUSED).doesNotContain(id);
        assertThat(actions(id, 6)).containsExactly("create", "start", "pause", "kill", "unpause", "die");
    }

    @Test
    void aSignalThatIsNeitherKillNorTheStopSignalLeavesItFrozenWhenAStopSignalIsSet() {
        String id = running("vb-usr1-paused", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"],\"StopSignal\":\"SIGINT\"}");
        as("default").post("/containers/" + id + "/pause").then().statusCode(204);

        as("default").post("/containers/" + id + "/kill?signal=USR1").then().statusCode(204);

        assertThat(StandInParts.PAUSED).contains(id);
        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("paused"));
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
    }

    @Test
    void stopSendsTheContainersStopSignalAndItsInspectShowsIt() {
        String id = running("vb-stop-signal", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"],"
                + "\"StopSignal\":\"SIGINT\",\"StopTimeout\":3}");
        as("default").get("/containers/" + id + "/json").then().body("Config.StopSignal", equalTo("SIGINT"))
                .body("Config.StopTimeout", equalTo(3));

        as("default").post("/containers/" + id + "/stop").then().statusCode(204);

        assertThat(StandInParts.KILLS.get(id)).containsExactly(2);
        as("default").get("/containers/" + id + "/json").then().body("State.ExitCode", equalTo(130));
    }

    @Test
    void theImagesStopSignalIsTheContainersWhenItNamesNone() {
        String id = running("vb-image-signal", "{\"Image\":\"stops-with-quit\",\"Cmd\":[\"quiet-forever\"]}");
        as("default").get("/containers/" + id + "/json").then().body("Config.StopSignal", equalTo("SIGQUIT"));

        as("default").post("/containers/" + id + "/stop").then().statusCode(204);

        assertThat(StandInParts.KILLS.get(id)).containsExactly(3);
        // A signal named in the call wins.
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        as("default").post("/containers/" + id + "/stop?signal=SIGHUP").then().statusCode(204);
        assertThat(StandInParts.KILLS.get(id)).containsExactly(3, 1);
    }

    @Test
    void theContainersStopTimeoutIsHowLongStopWaitsBeforeSigkill() {
        String id = running("vb-stop-timeout", "{\"Image\":\"busybox\",\"Cmd\":[\"ignore-term\"],\"StopTimeout\":1}");
        long began = System.nanoTime();

        as("default").post("/containers/" + id + "/stop").then().statusCode(204);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
        assertThat(StandInParts.KILLS.get(id)).containsExactly(15, 9);
        as("default").get("/containers/" + id + "/json").then().body("State.ExitCode", equalTo(137));
    }

    @Test
    void restartStopsAndStartsAndSaysSoAfterTheStart() {
        String id = running("vb-restart", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");

        as("default").post("/containers/vb-restart/restart?t=2").then().statusCode(204);

        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"));
        assertThat(StandInParts.KILLS.get(id)).containsExactly(15);
        assertThat(actions(id, 7)).containsExactly("create", "start", "kill", "die", "stop", "start", "restart");

        // A container that does not run is started.
        String created = create("default", "vb-restart-created", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");
        as("default").post("/containers/" + created + "/restart").then().statusCode(204);
        as("default").get("/containers/" + created + "/json").then().body("State.Status", equalTo("running"));
        assertThat(actions(created, 3)).containsExactly("create", "start", "restart");

        // A paused one is thawed by its stop signal, then started again.
        as("default").post("/containers/" + created + "/pause").then().statusCode(204);
        as("default").post("/containers/" + created + "/restart").then().statusCode(204);
        as("default").get("/containers/" + created + "/json").then().body("State.Status", equalTo("running"));
        assertThat(StandInParts.PAUSED).doesNotContain(created);

        as("default").post("/containers/" + id + "/restart?t=x").then().statusCode(400)
                .body("message", equalTo("invalid value for t: strconv.Atoi: parsing \"x\": invalid syntax"));
        as("default").post("/containers/" + id + "/restart?signal=FOO").then().statusCode(400)
                .body("message", equalTo("Invalid signal: FOO"));
        as("default").post("/containers/vb-nobody/restart").then().statusCode(404)
                .body("message", equalTo("No such container: vb-nobody"));
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
        as("default").delete("/containers/" + created + "?force=1").then().statusCode(204);
    }

    @Test
    void pruneRemovesWhatDoesNotRunAndMatchesItsFilters() {
        String keep = create("prune-t", "pr-keep", "{\"Image\":\"busybox\",\"Labels\":{\"keep\":\"yes\"}}");
        String goes = create("prune-t", "pr-goes", "{\"Image\":\"busybox\",\"Labels\":{\"tier\":\"web\"}}");
        String runs = create("prune-t", "pr-runs", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");
        as("prune-t").post("/containers/" + runs + "/start").then().statusCode(204);
        String others = create("prune-other", "pr-other", "{\"Image\":\"busybox\"}");

        // Created before an hour ago: none.
        as("prune-t").queryParam("filters", "{\"until\":{\"1h\":true}}").post("/containers/prune").then()
                .statusCode(200).body("ContainersDeleted", nullValue()).body("SpaceReclaimed", equalTo(0));
        as("prune-t").queryParam("filters", "{\"label!\":{\"keep\":true}}").post("/containers/prune").then()
                .statusCode(200).body("ContainersDeleted", equalTo(List.of(goes))).body("SpaceReclaimed", equalTo(0));

        as("prune-t").get("/containers/" + goes + "/json").then().statusCode(404);
        as("prune-t").get("/containers/" + keep + "/json").then().statusCode(200);
        as("prune-t").get("/containers/" + runs + "/json").then().statusCode(200);
        as("prune-other").get("/containers/" + others + "/json").then().statusCode(200);
        as("prune-t").queryParam("filters", "{\"label\":{\"keep=yes\":true}}").post("/containers/prune").then()
                .statusCode(200).body("ContainersDeleted", equalTo(List.of(keep)));
        as("prune-t").get("/containers/json?all=1").then().body("Id", not(hasItem(keep))).body("Id", hasItem(runs));

        List<CloudEvent> prunes = io.berth.testkit.TopicProbe.awaitEvents(KafkaResource.bootstrapServers(),
                Topics.CONTAINERS, events -> events.stream().filter(e -> "prune-t".equals(e.tenant())
                        && "prune".equals(e.typedAction().action())).count() >= 3, Duration.ofSeconds(20))
                .stream().filter(e -> "prune-t".equals(e.tenant()) && "prune".equals(e.typedAction().action())).toList();
        assertThat(prunes).allSatisfy(e -> {
            assertThat(e.subject()).isNull();
            assertThat(e.dataAs(ContainerPrune.class).reclaimed()).isZero();
        });
        as("prune-t").delete("/containers/" + runs + "?force=1").then().statusCode(204);
    }

    @Test
    void pruneRefusesFiltersItDoesNotKnowAndTimesItCannotRead() {
        String id = create("prune-bad", "pr-bad", "{\"Image\":\"busybox\"}");
        as("prune-bad").queryParam("filters", "{\"foo\":{\"x\":true}}").post("/containers/prune").then()
                .statusCode(400).body("message", equalTo("invalid filter 'foo'"));
        as("prune-bad").queryParam("filters", "{\"until\":{\"xx\":true}}").post("/containers/prune").then()
                .statusCode(400).body("message", equalTo("failed to parse value as time or duration: \"xx\""));
        as("prune-bad").get("/containers/" + id + "/json").then().statusCode(200);
    }
}
