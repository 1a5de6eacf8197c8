package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.container.service.Reconciler;
import io.berth.events.CloudEvent;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves behind, made by hand in the rows and in the stand-in worker's facts, and settled by one pass of
 * the reconciler (two for a bundle without a row) with the state machine's moves and events.
 */
@QuarkusTest
@TestProfile(ReconcilerIT.ShortGrace.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ReconcilerIT {
    /**
     * Every move counts as stale at once; passes run only when a test asks (an automatic pass would find a start in
     * flight stale and send it back, racing the test's own start).
     */
    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.container.reconcile-grace", "PT0S", "berth.container.reconcile-interval", "PT1H",
                    "berth.container.reconcile-first-pass", "PT1H");
        }
    }

    @Inject
    Reconciler reconciler;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    private static RequestSpecification call() {
        return given().header("X-Berth-Tenant", "default").contentType("application/json");
    }

    private static String create(String name) {
        return call().queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
    }

    private void reconcile() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            return reconciler.reconcile();
        });
    }

    /** Rewrites a row's state, as a crash between two commits would leave it. */
    private static void crashLeaves(String id, String state) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement update = db.prepareStatement(
                        "UPDATE containers.container SET state = ?, state_changed_at = now() - interval '1 minute' WHERE id = ?")) {
            update.setString(1, state);
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> actions(String id, int count) {
        return ContainerLifecycleIT.TopicProbeFor.container(id, count).stream().map(CloudEvent::typedAction)
                .map(typed -> typed.action()).toList();
    }

    @Test
    void aStartTheNodeNeverBeganGoesBackToCreated() throws Throwable {
        String id = create("never-began");
        crashLeaves(id, "STARTING");

        reconcile();

        call().get("/containers/" + id + "/json").then().body("State.Status", equalTo("created"))
                .body("State.ExitCode", equalTo(128)).body("State.Error", containsString("interrupted"));
        call().post("/containers/" + id + "/start").then().statusCode(204);
        call().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void aRunThatBeganWhileItsStartWasInFlightIsRecorded() throws Throwable {
        String id = create("began");
        crashLeaves(id, "STARTING");
        StandInParts.startSilently(id, 1);

        reconcile();

        call().get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"));
        assertThat(actions(id, 2)).containsExactly("create", "start");
        call().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void anExitTheControlPlaneMissedIsApplied() throws Throwable {
        String id = create("missed-exit");
        call().post("/containers/" + id + "/start").then().statusCode(204);
        StandInParts.exitSilently(id, 3);

        reconcile();

        call().get("/containers/" + id + "/json").then().body("State.Status", equalTo("exited"))
                .body("State.ExitCode", equalTo(3));
        assertThat(actions(id, 3)).containsExactly("create", "start", "die");
        call().delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void aRemovalACrashInterruptedIsFinished() throws Throwable {
        String id = create("half-removed");
        crashLeaves(id, "REMOVING");

        reconcile();

        call().get("/containers/" + id + "/json").then().statusCode(404);
        assertThat(StandInParts.LIVE).doesNotContain(id);
        assertThat(actions(id, 2)).containsExactly("create", "destroy");
    }

    @Test
    void anAutoRemoveTheWorkerCouldNotFinishIsRetriedAndTheRemovalWaitAnswered() throws Throwable {
        String id = call().queryParam("name", "rm-later")
                .body("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 4\"],\"HostConfig\":{\"AutoRemove\":true}}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
        StandInParts.FAILING_DELETES.add(id);
        java.net.http.HttpResponse<java.io.InputStream> wait = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(base.resolve("/containers/" + id + "/wait?condition=removed"))
                        .header("X-Berth-Tenant", "default").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        call().post("/containers/" + id + "/start").then().statusCode(204);
        // The exit is applied and the auto-remove fails at the worker: the container stays, marked for removal.
        for (int i = 0; i < 100 && !"removing".equals(call().get("/containers/" + id + "/json").then().extract()
                .path("State.Status")); i++) {
            Thread.sleep(100);
        }
        call().get("/containers/" + id + "/json").then().body("State.Status", equalTo("removing"))
                .body("State.ExitCode", equalTo(4));

        StandInParts.FAILING_DELETES.remove(id);
        reconcile();

        String body = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = wait.body()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(body).isEqualTo("{\"StatusCode\":4,\"Error\":null}");
        assertThat(StandInParts.LIVE).doesNotContain(id);
    }

    @Test
    void aBundleWithoutARowIsRemovedWhenTwoPassesFindItSo() throws Throwable {
        String orphan = StandInParts.orphan("default");

        reconcile();
        assertThat(StandInParts.LIVE).as("a create may still be about to write its row").contains(orphan);
        reconcile();

        assertThat(StandInParts.LIVE).doesNotContain(orphan);
    }
}
