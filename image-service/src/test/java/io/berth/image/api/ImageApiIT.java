package io.berth.image.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.berth.image.BlobRootResource;
import io.berth.image.build.BuiltImage;
import io.berth.image.build.BusyboxImage;
import io.berth.image.service.BusyboxSeed;
import io.berth.image.service.ImageService;
import io.berth.kit.tenant.TenantId;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class ImageApiIT {
    private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @Inject
    BusyboxSeed seed;

    @Inject
    ImageService images;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant);
    }

    private static String busyboxId() {
        return as("default").get("/images/busybox/json").then().statusCode(200).extract().path("Id");
    }

    @Test
    void startSeedsBusyboxOnceAndRestartsChangeNothing() throws Throwable {
        String id = busyboxId();
        // A restart, and two replicas starting together: the default tenant has an image, so nothing more is made.
        assertThat(seed.seed()).isFalse();
        List<Boolean> racing = List.of(CompletableFuture.supplyAsync(seed::seed), CompletableFuture.supplyAsync(seed::seed))
                .stream().map(CompletableFuture::join).toList();
        assertThat(racing).containsOnly(false);
        assertThat(VertxContextSupport.<Long>subscribeAndAwait(() -> images.count(TenantId.DEFAULT))).isEqualTo(1);
        assertThat(busyboxId()).isEqualTo(id);
    }

    @Test
    void twoReplicasAddingTheSameImageAtOnceLeaveOneRow() throws Throwable {
        BuiltImage built = BusyboxImage.build(Path.of("/bin/busybox"));
        TenantId race = TenantId.of("race");
        List<CompletableFuture<Boolean>> adds = List.of(
                CompletableFuture.supplyAsync(() -> add(race, built)), CompletableFuture.supplyAsync(() -> add(race, built)));
        assertThat(adds.stream().map(CompletableFuture::join).toList()).containsExactlyInAnyOrder(true, false);
        assertThat(VertxContextSupport.<Long>subscribeAndAwait(() -> images.count(race))).isEqualTo(1);
        as("race").get("/images/json").then().statusCode(200).body("", hasSize(1)).body("[0].RepoTags", contains("busybox:latest"));
    }

    private boolean add(TenantId tenant, BuiltImage built) {
        return add(tenant, built, "busybox", "latest");
    }

    private boolean add(TenantId tenant, BuiltImage built, String repository, String tag) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> images.add(tenant, built.stored(), repository, tag));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isReadyOnceStarted() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void listShowsBusyboxLikeDocker() {
        as("default").get("/images/json").then().statusCode(200)
                .contentType("application/json")
                .body("", hasSize(1))
                .body("[0].Id", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("[0].ParentId", equalTo(""))
                .body("[0].RepoTags", contains("busybox:latest"))
                .body("[0].RepoDigests", contains(matchesPattern("busybox@sha256:[0-9a-f]{64}")))
                .body("[0].SharedSize", equalTo(-1))
                .body("[0].Containers", equalTo(-1))
                .body("[0].Labels", equalTo(Map.of()));
        int created = as("default").get("/images/json").then().extract().path("[0].Created");
        assertThat(created).isPositive();
        long size = ((Number) as("default").get("/images/json").then().extract().path("[0].Size")).longValue();
        assertThat(size).isGreaterThan(1_000_000);
    }

    @Test
    void listHonoursReferenceAndDanglingFilters() {
        as("default").queryParam("filters", "{\"reference\":{\"busy*\":true}}").get("/images/json").then().statusCode(200).body("", hasSize(1));
        as("default").queryParam("filters", "{\"reference\":[\"busybox:latest\"]}").get("/images/json").then().statusCode(200).body("", hasSize(1));
        as("default").queryParam("filters", "{\"reference\":[\"alpine\"]}").get("/images/json").then().statusCode(200).body("", empty());
        as("default").queryParam("filters", "{\"dangling\":[\"true\"]}").get("/images/json").then().statusCode(200).body("", empty());
        as("default").queryParam("filters", "{\"dangling\":[\"false\"]}").get("/images/json").then().statusCode(200).body("", hasSize(1));
        // before and since name an image, which must exist (dockerd's 404); busybox is neither before nor after itself.
        as("default").queryParam("filters", "{\"before\":[\"x\"]}").get("/images/json").then().statusCode(404)
                .body("message", equalTo("No such image: x:latest"));
        as("default").queryParam("filters", "{\"before\":[\"busybox\"]}").get("/images/json").then().statusCode(200).body("", empty());
        as("default").queryParam("filters", "{\"color\":[\"red\"]}").get("/images/json").then().statusCode(400)
                .body("message", equalTo("invalid filter 'color'"));
        as("default").queryParam("filters", "not json").get("/images/json").then().statusCode(400).body("message", startsWith("invalid filter"));
    }

    @Test
    void inspectByNameTagIdAndPrefix() {
        String id = busyboxId();
        String hex = id.substring("sha256:".length());
        for (String name : List.of("busybox", "busybox:latest", "library/busybox", "docker.io/library/busybox:latest",
                id, hex, hex.substring(0, 12), "sha256:" + hex.substring(0, 12))) {
            as("default").get("/images/" + name + "/json").then().statusCode(200).body("Id", equalTo(id));
        }
        // A client may send a name's slashes encoded, as one path segment.
        as("default").urlEncodingEnabled(false).get("/images/docker.io%2Flibrary%2Fbusybox:latest/json").then().statusCode(200).body("Id", equalTo(id));
        String manifest = as("default").get("/images/busybox/json").then().extract().path("RepoDigests[0]");
        as("default").get("/images/" + manifest + "/json").then().statusCode(200).body("Id", equalTo(id));
    }

    @Test
    void inspectAnswersDockersImageInspect() {
        as("default").get("/images/busybox:latest/json").then().statusCode(200)
                .contentType("application/json")
                .body("RepoTags", contains("busybox:latest"))
                .body("RepoDigests", contains(matchesPattern("busybox@sha256:[0-9a-f]{64}")))
                .body("Parent", equalTo(""))
                .body("Comment", equalTo(""))
                .body("Created", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"))
                // No build step made it: Docker 20.10's zero ContainerConfig, which docker-compose 1.29 indexes into.
                .body("Container", equalTo(""))
                .body("ContainerConfig.Hostname", equalTo(""))
                .body("ContainerConfig.Tty", equalTo(false))
                .body("ContainerConfig", org.hamcrest.Matchers.hasKey("Volumes"))
                .body("ContainerConfig.Volumes", equalTo(null))
                .body("ContainerConfig.Cmd", equalTo(null))
                .body("DockerVersion", equalTo(""))
                .body("Config.Env", contains(PATH))
                .body("Config.Cmd", contains("sh"))
                .body("Config.Entrypoint", equalTo(null))
                .body("Config.WorkingDir", equalTo(""))
                .body("Config.User", equalTo(""))
                .body("Architecture", equalTo("amd64"))
                .body("Os", equalTo("linux"))
                .body("RootFS.Type", equalTo("layers"))
                .body("RootFS.Layers", hasSize(1))
                .body("RootFS.Layers[0]", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("GraphDriver.Name", equalTo("overlay2"))
                .body("GraphDriver.Data", equalTo(Map.of()))
                .body("Metadata.LastTagTime", matchesPattern("\\d{4}-.*Z"));
    }

    @Test
    void unknownImagesAreDockers404() {
        as("default").get("/images/nosuch:1/json").then().statusCode(404)
                .contentType("application/json").body("message", equalTo("No such image: nosuch:1"));
        as("default").get("/images/nosuch/json").then().statusCode(404).body("message", equalTo("No such image: nosuch:latest"));
        as("default").get("/images/busybox:2/json").then().statusCode(404).body("message", equalTo("No such image: busybox:2"));
        as("default").get("/images/localhost:5000/team/app:v1/json").then().statusCode(404)
                .body("message", equalTo("No such image: localhost:5000/team/app:v1"));
        as("default").urlEncodingEnabled(false).get("/images/localhost:5000%2Fteam%2Fapp:v1/json").then().statusCode(404)
                .body("message", equalTo("No such image: localhost:5000/team/app:v1"));
        as("default").get("/images/docker.io/library/nosuch/json").then().statusCode(404)
                .body("message", equalTo("No such image: nosuch:latest"));
        String zeros = "0".repeat(64);
        as("default").get("/images/sha256:" + zeros + "/json").then().statusCode(404).body("message", equalTo("No such image: sha256:" + zeros));
    }

    @Test
    void pullRefusesBadRequestsBeforeReachingAnyRegistry() {
        as("default").queryParam("fromImage", "Upper").post("/images/create").then().statusCode(400)
                .body("message", equalTo("invalid reference format: repository name (library/Upper) must be lowercase"));
        as("default").post("/images/create").then().statusCode(400).body("message", equalTo("fromImage must name the image to pull"));
        // An import without a body makes no image (ImageArchiveIT has the imports).
        as("default").queryParam("fromSrc", "-").post("/images/create").then().statusCode(400)
                .body("message", equalTo("the archive to import is empty: send a root file system as a tar"));
        // No registry is reachable from the test machines: Docker Hub's name does not resolve, and dockerd says so.
        as("default").queryParam("fromImage", "busybox").queryParam("tag", "latest").post("/images/create").then().statusCode(500)
                .body("message", org.hamcrest.Matchers.startsWith("Get \"https://registry-1.docker.io/v2/\": "));
    }

    @Test
    void invalidReferencesAre400() {
        as("default").get("/images/Upper/json").then().statusCode(400)
                .body("message", equalTo("invalid reference format: repository name (library/Upper) must be lowercase"));
        as("default").get("/images/bad!name/json").then().statusCode(400).body("message", equalTo("invalid reference format"));
        as("default").get("/images/busybox:/json").then().statusCode(400).body("message", equalTo("invalid reference format"));
    }

    @Test
    void anotherTenantSeesNoBusybox() {
        String id = busyboxId();
        as("acme").get("/images/json").then().statusCode(200).body("", empty());
        as("acme").get("/images/busybox/json").then().statusCode(404).body("message", equalTo("No such image: busybox:latest"));
        as("acme").get("/images/" + id + "/json").then().statusCode(404).body("message", equalTo("No such image: " + id));
        as("acme").get("/images/" + id.substring(7, 19) + "/json").then().statusCode(404)
                .body("message", equalTo("No such image: " + id.substring(7, 19) + ":latest"));
    }

    @Test
    void resolveAnswersWhatAContainerIsMadeOf() {
        String id = busyboxId();
        String repoDigest = as("default").get("/images/busybox/json").then().extract().path("RepoDigests[0]");
        String manifest = repoDigest.substring(repoDigest.indexOf('@') + 1);
        for (String reference : List.of("busybox", "busybox:latest", "docker.io/library/busybox", repoDigest, id,
                id.substring(7), id.substring(7, 19))) {
            as("default").queryParam("reference", reference).get("/internal/images/resolve").then().statusCode(200)
                    .contentType("application/json")
                    .body("id", equalTo(id))
                    .body("repository", equalTo("busybox"))
                    .body("manifestDigest", equalTo(manifest))
                    .body("config.cmd", contains("sh"))
                    .body("config.env", contains(PATH))
                    .body("config.entrypoint", equalTo(null))
                    .body("config.user", equalTo(""))
                    .body("config.workingDir", equalTo(""))
                    .body("config.labels", equalTo(Map.of()))
                    .body("config.stopSignal", equalTo(""))
                    .body("config.exposedPorts", empty())
                    .body("config.volumes", empty());
        }
    }

    @Test
    void resolveAnswersTheUserAContainerRunsAs() {
        as("default").queryParam("reference", "busybox").get("/internal/images/resolve").then().statusCode(200)
                .body("processUser.uid", equalTo(0)).body("processUser.gid", equalTo(0));
        as("default").queryParam("reference", "busybox").queryParam("user", "1000:100").get("/internal/images/resolve")
                .then().statusCode(200).body("processUser.uid", equalTo(1000)).body("processUser.gid", equalTo(100));
        // Berth's busybox lists root and nobody in its /etc/passwd and /etc/group.
        as("default").queryParam("reference", "busybox").queryParam("user", "nobody").get("/internal/images/resolve")
                .then().statusCode(200).body("processUser.uid", equalTo(65534)).body("processUser.gid", equalTo(65534));
        as("default").queryParam("reference", "busybox").queryParam("user", "0:nobody").get("/internal/images/resolve")
                .then().statusCode(200).body("processUser.uid", equalTo(0)).body("processUser.gid", equalTo(65534));
        as("default").queryParam("reference", "busybox").queryParam("user", "7").get("/internal/images/resolve")
                .then().statusCode(200).body("processUser.uid", equalTo(7)).body("processUser.gid", equalTo(0));
        as("default").queryParam("reference", "busybox").queryParam("user", "nosuch").get("/internal/images/resolve")
                .then().statusCode(400).body("message", equalTo("unable to find user nosuch: no matching entries in passwd file"));
        as("default").queryParam("reference", "busybox").queryParam("user", "0:staff").get("/internal/images/resolve")
                .then().statusCode(400).body("message", equalTo("unable to find group staff: no matching entries in group file"));
        as("default").queryParam("reference", "busybox").queryParam("user", "2147483648").get("/internal/images/resolve")
                .then().statusCode(400).body("message", equalTo("uids and gids must be in range 0-2147483647"));
    }

    @Test
    void resolveGivesTheRepositoryTheReferenceNames() {
        TenantId tenant = TenantId.of("two-names");
        BuiltImage built = BusyboxImage.build(Path.of("/bin/busybox"));
        add(tenant, built, "busybox", "latest");
        add(tenant, built, "team/app", "v1");
        String id = built.configDigest().toString();

        as("two-names").queryParam("reference", "team/app:v1").get("/internal/images/resolve").then().statusCode(200)
                .body("id", equalTo(id)).body("repository", equalTo("team/app"));
        as("two-names").queryParam("reference", "busybox").get("/internal/images/resolve").then().statusCode(200)
                .body("repository", equalTo("busybox"));
        // An id names no repository: the first one the image is tagged in serves it.
        as("two-names").queryParam("reference", id).get("/internal/images/resolve").then().statusCode(200)
                .body("repository", equalTo("busybox"));
    }

    @Test
    void resolveRefusesWhatItCannotResolveInDockersWords() {
        as("default").queryParam("reference", "nosuch:1").get("/internal/images/resolve").then().statusCode(404)
                .contentType("application/json").body("message", equalTo("No such image: nosuch:1"));
        as("default").queryParam("reference", "nosuch").get("/internal/images/resolve").then().statusCode(404)
                .body("message", equalTo("No such image: nosuch:latest"));
        as("acme").queryParam("reference", "busybox").get("/internal/images/resolve").then().statusCode(404)
                .body("message", equalTo("No such image: busybox:latest"));
        as("default").queryParam("reference", "Upper").get("/internal/images/resolve").then().statusCode(400)
                .body("message", equalTo("invalid reference format: repository name (library/Upper) must be lowercase"));
        as("default").queryParam("reference", "busybox:").get("/internal/images/resolve").then().statusCode(400)
                .body("message", equalTo("invalid reference format"));
        as("default").get("/internal/images/resolve").then().statusCode(400)
                .body("message", equalTo("reference must name an image"));
        given().queryParam("reference", "busybox").get("/internal/images/resolve").then().statusCode(400)
                .body("message", equalTo("internal call without a tenant"));
    }

    @Test
    void callsWithoutATenantAreRefused() {
        given().get("/images/json").then().statusCode(400).body("message", equalTo("internal call without a tenant"));
        given().header("X-Berth-Tenant", "Not A Tenant!").get("/images/busybox/json").then().statusCode(400)
                .body("message", equalTo("invalid tenant id: Not A Tenant!"));
    }
}
