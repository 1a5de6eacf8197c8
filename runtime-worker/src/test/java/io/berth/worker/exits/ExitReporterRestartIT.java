package io.berth.worker.exits;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.CloudEvent;
import io.berth.events.node.ContainerExited;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.TopicProbe;
import io.berth.worker.TestContainers;
import io.berth.worker.TinyRegistry;
import io.berth.worker.state.MetaStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker restarting: containers run on under conmon while no reporter watches, and a fresh reporter (as a
 * restarted worker has) reports the exits it missed, once Kafka has them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class ExitReporterRestartIT {
    @Inject
    ExitReporter reporter;
    @Inject
    RestartedReporters reporters;
    @Inject
    MetaStore metas;

    @Test
    void anExitWhileNoReporterRunsIsReportedByTheNextOne() throws Exception {
        String id = TestContainers.newId();
        reporter.stop();
        ExitReporter restarted = reporters.fresh();
        try {
            TestContainers.create(id, "sh", "-c", "sleep 1; exit 7");
            TestContainers.start(id, 1);
            // The container outlives its starter: conmon, not the worker, is its parent.
            given().header("X-Berth-Tenant", TENANT).get("/containers/" + id).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("running"));
            assertThat(TestContainers.awaitExit(id)).isEqualTo(7);
            Thread.sleep(1_000);
            assertThat(metas.load(id).orElseThrow().reportedRun()).isZero();

            restarted.start();
            List<CloudEvent> events = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), "berth.nodes",
                    all -> all.stream().anyMatch(e -> id.equals(e.subject())), Duration.ofSeconds(30));
            ContainerExited exited = events.stream().filter(e -> id.equals(e.subject())).findFirst().orElseThrow()
                    .dataAs(ContainerExited.class);
            assertThat(exited.exitCode()).isEqualTo(7);
            assertThat(exited.eventId()).isEqualTo("exit-" + id + "-1");
            long deadline = System.currentTimeMillis() + 10_000;
            while (metas.load(id).orElseThrow().reportedRun() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(metas.load(id).orElseThrow().reportedRun()).isEqualTo(1);
        } finally {
            restarted.stop();
            reporter.start();
            TestContainers.delete(id);
        }
        assertThat(TestContainers.leftovers(id)).isEmpty();
    }
}
