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
import io.berth.worker.runtime.Overlay;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.MetaStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./berth down} (or a reboot) does to a node: conmon killed before it could write an exit, rootfs
 * mounts gone. The worker that comes back reports the lost run and can start the container again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class NodeDownIT {
    @Inject
    ExitReporter reporter;
    @Inject
    RestartedReporters reporters;
    @Inject
    MetaStore metas;

    @Test
    void aRunWhoseConmonDiedWithoutAnExitIsReportedAs255() throws Exception {
        String id = TestContainers.newId();
        reporter.stop();
        ExitReporter restarted = reporters.fresh();
        try {
            TestContainers.create(id, "sleep", "30");
            TestContainers.start(id, 1);
            ContainerDir dir = metas.dir(id);
            long conmon = dir.readPid(dir.conmonPidFile());
            long process = metas.load(id).orElseThrow().pid();
            // conmon first, so nobody is left to write the exit file when the process dies.
            ProcessHandle.of(conmon).orElseThrow().destroyForcibly();
            ProcessHandle.of(conmon).ifPresent(p -> p.onExit().join());
            ProcessHandle.of(process).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(process).ifPresent(p -> p.onExit().join());

            restarted.start();
            CloudEvent event = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), "berth.nodes",
                    all -> all.stream().anyMatch(e -> id.equals(e.subject())), Duration.ofSeconds(30))
                    .stream().filter(e -> id.equals(e.subject())).findFirst().orElseThrow();
            assertThat(event.dataAs(ContainerExited.class).exitCode()).isEqualTo(ExitReporter.LOST_RUN_EXIT_CODE);
            given().header("X-Berth-Tenant", TENANT).get("/containers/" + id).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("exited"))
                    .body("exitCode", org.hamcrest.Matchers.equalTo(ExitReporter.LOST_RUN_EXIT_CODE));
        } finally {
            restarted.stop();
            reporter.start();
            TestContainers.delete(id);
        }
        assertThat(TestContainers.leftovers(id)).isEmpty();
    }

    @Test
    void aStartAfterTheRootfsWasUnmountedMountsItAgain() throws Exception {
        String id = TestContainers.newId();
        try {
            TestContainers.create(id, "sh", "-c", "echo mounted again");
            Overlay.unmount(metas.dir(id).merged());
            assertThat(Overlay.isMounted(metas.dir(id).merged())).isFalse();

            TestContainers.start(id, 1);

            assertThat(TestContainers.awaitExit(id)).isZero();
            byte[] log = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/log")
                    .then().statusCode(200).extract().asByteArray();
            assertThat(TestContainers.records(log)).extracting(TestContainers.Record::text).containsExactly("mounted again");
        } finally {
            TestContainers.delete(id);
        }
        assertThat(TestContainers.leftovers(id)).isEmpty();
    }
}
