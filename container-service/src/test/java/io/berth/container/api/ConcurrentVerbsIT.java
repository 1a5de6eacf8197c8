package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Verbs fired at one container at once: each gets one of Docker's answers, the worker acts once per move, and
 * afterwards the row and the worker agree. (A start that raced another used to stamp 128 on a running container.)
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ConcurrentVerbsIT {
    private static RequestSpecification call() {
        return given().header("X-Berth-Tenant", "default").contentType("application/json");
    }

    private static String create(String name) {
        return call().queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
    }

    private static List<Integer> atOnce(List<Supplier<Integer>> calls) throws Exception {
        List<CompletableFuture<Integer>> running = calls.stream().map(CompletableFuture::supplyAsync).toList();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> call : running) {
            statuses.add(call.get(30, TimeUnit.SECONDS));
        }
        return statuses;
    }

    @Test
    void concurrentStartsStartOneRunAndTheOthersAre304() throws Exception {
        String id = create("racer");

        List<Integer> statuses = atOnce(Collections.nCopies(8, () -> call().post("/containers/" + id + "/start").statusCode()));

        assertThat(statuses).containsOnly(204, 304);
        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(StandInParts.STARTS.get(id)).isEqualTo(1);
        call().get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"))
                .body("State.ExitCode", equalTo(0)).body("State.Error", equalTo(""));
        call().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
        assertThat(StandInParts.LIVE).doesNotContain(id);
    }

    @Test
    void startsStopsAndKillsAtOnceLeaveTheRowAndTheWorkerAgreeing() throws Exception {
        String id = create("mixed");
        for (int round = 0; round < 5; round++) {
            List<Supplier<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(() -> call().post("/containers/" + id + "/start").statusCode());
                calls.add(() -> call().queryParam("t", "1").post("/containers/" + id + "/stop").statusCode());
                calls.add(() -> call().queryParam("signal", "TERM").post("/containers/" + id + "/kill").statusCode());
            }
            Collections.shuffle(calls);

            assertThat(atOnce(calls)).as("round %d", round).allMatch(Set.of(204, 304, 409)::contains);

            String state = awaitSettled(id);
            assertThat(StandInParts.RUNNING.contains(id)).as("round %d: row says %s", round, state)
                    .isEqualTo(state.equals("running"));
        }
        call().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
        assertThat(StandInParts.LIVE).doesNotContain(id);
        assertThat(StandInParts.RUNNING).doesNotContain(id);
    }

    @Test
    void removalsRacingStartsEndWithTheContainerGoneEverywhere() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = create("doomed-" + round);
            call().post("/containers/" + id + "/start").then().statusCode(204);
            List<Supplier<Integer>> calls = new ArrayList<>();
            calls.add(() -> call().queryParam("force", "1").delete("/containers/" + id).statusCode());
            calls.add(() -> call().queryParam("force", "1").delete("/containers/" + id).statusCode());
            calls.add(() -> call().queryParam("t", "1").post("/containers/" + id + "/stop").statusCode());
            calls.add(() -> call().post("/containers/" + id + "/start").statusCode());
            Collections.shuffle(calls);

            List<Integer> statuses = atOnce(calls);

            assertThat(statuses).as("round %d", round).allMatch(Set.of(204, 304, 404, 409)::contains);
            assertThat(statuses.subList(0, 4)).contains(204);
            call().get("/containers/" + id + "/json").then().statusCode(404);
            assertThat(StandInParts.LIVE).doesNotContain(id);
            assertThat(StandInParts.RUNNING).doesNotContain(id);
        }
    }

    /** The row's state once no start is in flight (starting moves to running or back within moments). */
    private static String awaitSettled(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String status = call().get("/containers/" + id + "/json").then().extract().path("State.Status");
            boolean running = StandInParts.RUNNING.contains(id);
            if ((status.equals("running")) == running) {
                Thread.sleep(100);
                String again = call().get("/containers/" + id + "/json").then().extract().path("State.Status");
                if (again.equals(status)) {
                    return status;
                }
            }
            Thread.sleep(100);
        }
        return call().get("/containers/" + id + "/json").then().extract().path("State.Status");
    }
}
