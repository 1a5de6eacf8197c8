package io.berth.worker.api;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Root;
import io.berth.oci.spec.Spec;
import io.berth.testkit.KafkaResource;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.TestContainers;
import io.berth.worker.TestContainers.Record;
import io.berth.worker.TinyRegistry;
import io.berth.worker.node.MountTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real container's mounts through conmon + runc: a volume filled from the image (copy-up) whose data outlives the
 * container, a host directory seen live and made when asked, read-only volumes and root filesystems with tmpfs, a
 * tmpfs volume mounted again after the node went down, and the binds no container may have.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class WorkerMountsIT {
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<Path> hostDirs = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        containers.forEach(TestContainers::delete);
        volumes.forEach(name -> given().header("X-Berth-Tenant", TENANT).delete("/volumes/" + name));
        hostDirs.forEach(Files2::deleteTree);
    }

    private String volume(String name, Map<String, String> options) {
        volumes.add(name);
        return given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON)
                .body(Map.of("options", options)).put("/volumes/" + name)
                .then().statusCode(200).extract().path("mountpoint");
    }

    private Path hostDir() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "wm-");
        hostDirs.add(dir);
        return dir;
    }

    private static Spec withMounts(Spec spec, Mount... mounts) {
        List<Mount> all = new ArrayList<>(spec.mounts());
        all.addAll(List.of(mounts));
        return spec.withMounts(all);
    }

    private ValidatableResponse create(String id, Spec spec, List<String> copyUp, List<String> createSources) {
        ObjectNode body = TestContainers.createBody("mounts-" + id.substring(0, 8), TinyRegistry.manifestDigest(), spec);
        ObjectNode mounts = body.putObject("mounts");
        copyUp.forEach(mounts.putArray("copyUp")::add);
        createSources.forEach(mounts.withArray("createSources")::add);
        containers.add(id);
        return given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(body.toString())
                .put("/containers/" + id).then();
    }

    private static List<Record> run(String id) throws Exception {
        TestContainers.start(id, 1);
        TestContainers.awaitExit(id);
        return TestContainers.records(given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/log")
                .then().statusCode(200).extract().asByteArray());
    }

    @Test
    void anEmptyVolumeIsFilledFromTheImageAndKeepsWhatTheContainerWrote() throws Exception {
        Path data = Path.of(volume("bins", Map.of()));
        String id = TestContainers.newId();
        create(id, withMounts(TestContainers.spec("/bin/sh", "-c", "echo kept > /bin/note; ls /bin/busybox"),
                new Mount("/bin", "bind", data.toString(), List.of("rbind", "rprivate"))), List.of("/bin"), List.of())
                .statusCode(201);

        assertThat(run(id)).containsExactly(Record.full("stdout", "/bin/busybox"));
        TestContainers.delete(id);

        assertThat(data.resolve("busybox")).isRegularFile();
        assertThat(Files.isSymbolicLink(data.resolve("sh"))).isTrue();
        assertThat(data.resolve("note")).hasContent("kept");
    }

    @Test
    void aHostDirectoryIsSeenLiveAndAMissingOneIsMadeWhenAsked() throws Exception {
        Path host = hostDir().resolve("made/here");
        String id = TestContainers.newId();
        create(id, withMounts(TestContainers.spec("/bin/sh", "-c", "while [ ! -f /h/go ]; do sleep 0.1; done; cat /h/go"),
                new Mount("/h", "bind", host.toString(), List.of("rbind", "rprivate"))), List.of(), List.of(host.toString()))
                .statusCode(201);
        assertThat(host).isDirectory();

        TestContainers.start(id, 1);
        Files.writeString(host.resolve("go"), "changed after the start\n");
        assertThat(TestContainers.awaitExit(id)).isZero();
        assertThat(TestContainers.records(given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/log")
                .then().extract().asByteArray())).containsExactly(Record.full("stdout", "changed after the start"));
    }

    @Test
    void aMissingSourceNotToBeMadeIsRefusedAndLeavesNothing() throws Exception {
        Path missing = hostDir().resolve("absent");
        String id = TestContainers.newId();

        create(id, withMounts(TestContainers.spec("true"), new Mount("/h", "bind", missing.toString(), List.of("rbind"))),
                List.of(), List.of()).statusCode(400)
                .body("message", equalTo("invalid mount config for type \"bind\": bind source path does not exist: " + missing));

        assertThat(missing).doesNotExist();
        assertThat(TestContainers.leftovers(id)).isEmpty();
    }

    @Test
    void noBindMayReachIntoTheStateRootNorAnotherTenantsVolume() throws Exception {
        String theirs = given().header("X-Berth-Tenant", "other").contentType(ContentType.JSON).body("{}")
                .put("/volumes/theirs").then().statusCode(200).extract().path("mountpoint");
        try {
            for (String source : List.of(TestContainers.STATE_ROOT.resolve("containers").toString(), theirs,
                    TestContainers.STATE_ROOT.getParent().toString())) {
                String id = TestContainers.newId();
                create(id, withMounts(TestContainers.spec("true"), new Mount("/peek", "bind", source, List.of("rbind"))),
                        List.of(), List.of()).statusCode(400)
                        .body("message", startsWith("invalid mount config for type \"bind\": bind source path " + source));
                assertThat(TestContainers.leftovers(id)).isEmpty();
            }
        } finally {
            given().header("X-Berth-Tenant", "other").delete("/volumes/theirs");
        }
    }

    @Test
    void aReadOnlyVolumeAndAReadOnlyRootRefuseWritesWhileTmpfsTakesThem() throws Exception {
        Path data = Path.of(volume("ro-data", Map.of()));
        String id = TestContainers.newId();
        Spec spec = withMounts(TestContainers.spec("/bin/sh", "-c",
                "echo t > /tmp/f && cat /tmp/f; echo x > /d/f || echo volume-refused; echo y > /etc/f || echo root-refused"),
                new Mount("/d", "bind", data.toString(), List.of("rbind", "ro", "rprivate")),
                new Mount("/tmp", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev", "rprivate", "size=1m")))
                .withRoot(new Root(null, true));
        create(id, spec, List.of(), List.of()).statusCode(201);

        List<String> stdout = run(id).stream().filter(r -> r.stream().equals("stdout")).map(Record::text).toList();

        assertThat(stdout).containsExactly("t", "volume-refused", "root-refused");
        assertThat(data.resolve("f")).doesNotExist();
    }

    @Test
    void aTmpfsVolumeIsMountedForItsContainerAndAgainAfterTheNodeWentDown() throws Exception {
        Path data = Path.of(volume("scratch", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=2m")));
        String id = TestContainers.newId();
        create(id, withMounts(TestContainers.spec("/bin/sh", "-c", "echo in-tmpfs > /s/f"),
                new Mount("/s", "bind", data.toString(), List.of("rbind", "rprivate"))), List.of("/s"), List.of())
                .statusCode(201);
        assertThat(MountTable.current().mounts()).anyMatch(m -> m.mountPoint().equals(data) && m.fsType().equals("tmpfs"));
        run(id);
        assertThat(data.resolve("f")).hasContent("in-tmpfs");

        // What ./berth down's teardown does to every mount below the state root.
        Exec.run(List.of("umount", data.toString()), Duration.ofSeconds(10));
        assertThat(MountTable.current().isMountPoint(data)).isFalse();
        TestContainers.start(id, 2);
        TestContainers.awaitExit(id);

        assertThat(MountTable.current().isMountPoint(data)).isTrue();
        assertThat(data.resolve("f")).hasContent("in-tmpfs");
    }

    @Test
    void aSharedBindStartsOnlyFromASharedHostMountAsDockerdChecks() throws Exception {
        Path host = hostDir();
        // A mount of its own, so the test decides its propagation whatever the host's root has.
        assertThat(Exec.run(List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", host.toString()),
                Duration.ofSeconds(10)).ok()).isTrue();
        try {
            Exec.run(List.of("mount", "--make-private", host.toString()), Duration.ofSeconds(10));
            String id = TestContainers.newId();
            create(id, withMounts(TestContainers.spec("true"),
                    new Mount("/h", "bind", host.toString(), List.of("rbind", "rshared"))), List.of(), List.of())
                    .statusCode(201);

            // dockerd creates such a container and refuses its start, in these words.
            given().header("X-Berth-Tenant", TENANT).queryParam("run", 1).post("/containers/" + id + "/start").then()
                    .statusCode(400).body("message", equalTo("path " + host + " is mounted on " + host
                            + " but it is not a shared mount"));

            Exec.run(List.of("mount", "--make-shared", host.toString()), Duration.ofSeconds(10));
            TestContainers.start(id, 1);
            assertThat(TestContainers.awaitExit(id)).isZero();
        } finally {
            containers.forEach(TestContainers::delete);
            containers.clear();
            Exec.run(List.of("umount", host.toString()), Duration.ofSeconds(10));
        }
    }
}
