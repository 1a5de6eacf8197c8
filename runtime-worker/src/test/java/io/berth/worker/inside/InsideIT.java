package io.berth.worker.inside;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.berth.worker.TestContainers;
import io.berth.worker.TinyRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Looking inside real containers (conmon + runc): top through the node's ps, the change as docker diff lists it, the
 * root as export's tar, one stats reading from the host's cgroup files, and the node's 409 without a live run.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class InsideIT {
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(TestContainers::delete);
    }

    private String newContainer(String... args) {
        String id = TestContainers.newId();
        created.add(id);
        TestContainers.create(id, args);
        return id;
    }

    private static void settle() throws InterruptedException {
        // The script's first commands run right after start.
        Thread.sleep(500);
    }

    @Test
    void topListsTheRunsProcessesWithTheGivenPsArguments() throws Exception {
        String id = newContainer("sh", "-c", "sleep 61 & sleep 62");
        given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/top").then().statusCode(409)
                .body("message", equalTo("Container " + id + " is not running"));
        TestContainers.start(id, 1);
        settle();

        JsonPath top = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/top").then()
                .statusCode(200).extract().jsonPath();
        assertThat(top.getList("Titles", String.class)).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY",
                "TIME", "CMD");
        List<List<String>> processes = top.getList("Processes");
        assertThat(processes).extracting(row -> row.get(7)).contains("sleep 61", "sleep 62");
        // Only the container's own processes: no worker, no conmon.
        assertThat(processes).extracting(row -> row.get(7)).noneMatch(cmd -> cmd.contains("conmon") || cmd.contains("java"));

        JsonPath custom = given().header("X-Berth-Tenant", TENANT).queryParam("ps_args", "-o pid,args").get("/containers/"
                + id + "/top").then().statusCode(200).extract().jsonPath();
        assertThat(custom.getList("Titles", String.class)).containsExactly("PID", "COMMAND");
        assertThat(custom.getList("Processes")).hasSizeGreaterThanOrEqualTo(2);

        given().header("X-Berth-Tenant", TENANT).queryParam("ps_args", "--nosuch").get("/containers/" + id + "/top")
                .then().statusCode(500).body("message", equalTo("ps: error: unknown gnu long option"));
        given().header("X-Berth-Tenant", "other").get("/containers/" + id + "/top").then().statusCode(404);
    }

    @Test
    void theChangeListsAddedChangedAndDeletedPaths() throws Exception {
        String id = newContainer("sh", "-c", "mkdir /newdir; echo x > /newdir/f; echo y > /tmp/z; rm /bin/true; sleep 60");
        given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/changes").then().statusCode(200)
                .body("size()", equalTo(0));
        TestContainers.start(id, 1);
        settle();

        List<Map<String, Object>> changes = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/changes")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(changes).contains(Map.of("Path", "/newdir", "Kind", 1), Map.of("Path", "/newdir/f", "Kind", 1),
                Map.of("Path", "/tmp", "Kind", 0), Map.of("Path", "/tmp/z", "Kind", 1), Map.of("Path", "/bin", "Kind", 0),
                Map.of("Path", "/bin/true", "Kind", 2));
        // The mount points the runtime made are not the container's change (dockerd keeps them in its init layer).
        assertThat(changes).extracting(change -> change.get("Path")).doesNotContain("/proc", "/dev", "/sys");
        given().header("X-Berth-Tenant", "other").get("/containers/" + id + "/changes").then().statusCode(404);
    }

    @Test
    void exportIsTheWholeRootAsATar() throws Exception {
        String id = newContainer("sh", "-c", "mkdir /newdir; echo x > /newdir/f; sleep 60");
        TestContainers.start(id, 1);
        settle();

        byte[] tar = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/export").then().statusCode(200)
                .contentType("application/x-tar").extract().asByteArray();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream entries = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("bin/", "bin/busybox", "newdir/", "newdir/f", "tmp/").noneMatch(name -> name.startsWith("./"));
        given().header("X-Berth-Tenant", "other").get("/containers/" + id + "/export").then().statusCode(404);
    }

    @Test
    void aStatsReadingHasTheRunsCountersInDockersShape() throws Exception {
        String id = newContainer("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 60");
        given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/stats").then().statusCode(409)
                .body("message", equalTo("Container " + id + " is not running"));
        TestContainers.start(id, 1);
        settle();

        JsonPath stats = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/stats").then()
                .statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("cpu_stats.cpu_usage.total_usage")).isPositive();
        assertThat(stats.getLong("cpu_stats.system_cpu_usage")).isPositive();
        assertThat(stats.getInt("cpu_stats.online_cpus")).isPositive();
        assertThat(stats.getLong("memory_stats.usage")).isPositive();
        assertThat(stats.getLong("memory_stats.limit")).isPositive();
        assertThat(stats.getInt("pids_stats.current")).isPositive();
        assertThat(stats.getList("blkio_stats.io_service_bytes_recursive")).isNotNull();
        assertThat(stats.getString("read")).isNotEmpty();
    }
}
