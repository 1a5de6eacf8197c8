package io.berth.volume.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.events.volume.VolumeEvent;
import io.berth.events.volume.VolumePrune;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.TopicProbe;
import io.berth.volume.StandInParts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code docker volume create, rm, prune} against real PostgreSQL and Kafka, with a stand-in node: what is made and
 * removed on the node, the events on {@code berth.volumes}, tenant isolation, and every refusal a client can cause
 * with nothing made or changed. Each test uses names of its own, so the tests share one application.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class VolumeLifecycleIT {
    @Inject
    Pool pool;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static ValidatableResponse create(String tenant, String body) {
        return as(tenant).body(body).post("/volumes/create").then();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long rows(String tenant) {
        return pool.preparedQuery("SELECT count(*) FROM volumes.volume WHERE tenant = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    private static List<CloudEvent> awaitVolumeEvents(java.util.function.Predicate<List<CloudEvent>> done) {
        return TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.VOLUMES, done, Duration.ofSeconds(20));
    }

    @Test
    void createsANamedVolumeOnTheNodeAndAnnouncesIt() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"data\",\"Labels\":{\"tier\":\"db\"},\"DriverOpts\":{}}").statusCode(201)
                .contentType("application/json")
                .body("Name", equalTo("data")).body("Driver", equalTo("local")).body("Scope", equalTo("local"))
                .body("Labels", equalTo(Map.of("tier", "db"))).body("Options", equalTo(Map.of()))
                .body("Mountpoint", equalTo(StandInParts.mountpoint(tenant, "data")))
                .body("CreatedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        assertThat(StandInParts.NODE_VOLUMES).containsKey(tenant + "/data");
        as(tenant).get("/volumes/data").then().statusCode(200).body("Labels", equalTo(Map.of("tier", "db")));
        List<CloudEvent> events = awaitVolumeEvents(all -> all.stream().anyMatch(e -> tenant.equals(e.tenant())));
        CloudEvent created = events.stream().filter(e -> tenant.equals(e.tenant())).findFirst().orElseThrow();
        assertThat(created.type()).isEqualTo("io.berth.volume.create");
        assertThat(created.subject()).isEqualTo("data");
        assertThat(created.dataAs(VolumeEvent.class)).isEqualTo(new VolumeEvent("data", "local"));
    }

    @Test
    void aSecondCreateOfTheSameNameAnswersTheVolumeAsItIs() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"data\",\"Labels\":{\"a\":\"1\"}}").statusCode(201);
        StandInParts.NODE_CALLS.clear();

        // dockerd answers the existing volume, labels and options as they were.
        create(tenant, "{\"Name\":\"data\",\"Labels\":{\"b\":\"2\"},\"DriverOpts\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\"}}")
                .statusCode(201).body("Labels", equalTo(Map.of("a", "1"))).body("Options", equalTo(Map.of()));
        assertThat(StandInParts.NODE_CALLS).noneMatch(call -> call.contains(tenant));
        assertThat(rows(tenant)).isEqualTo(1);
    }

    @Test
    void aVolumeWithoutANameGetsARandomOneAndTheAnonymousLabel() {
        String tenant = unique("t");
        String name = create(tenant, "{}").statusCode(201)
                .body("Labels", equalTo(Map.of("com.docker.volume.anonymous", ""))).extract().path("Name");

        assertThat(name).matches("[0-9a-f]{64}");
        assertThat(StandInParts.NODE_VOLUMES).containsKey(tenant + "/" + name);
    }

    @Test
    void tmpfsAndBindBackedVolumesKeepTheirOptions() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"cache\",\"DriverOpts\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\",\"o\":\"size=64m,uid=1000\"}}")
                .statusCode(201).body("Options", equalTo(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=64m,uid=1000")));
        create(tenant, "{\"Name\":\"src\",\"DriverOpts\":{\"type\":\"none\",\"device\":\"/srv/src\",\"o\":\"bind\"}}")
                .statusCode(201);

        assertThat(StandInParts.NODE_VOLUMES.get(tenant + "/cache").getMap())
                .isEqualTo(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=64m,uid=1000"));
        assertThat(StandInParts.NODE_VOLUMES.get(tenant + "/src").getMap())
                .isEqualTo(Map.of("type", "none", "device", "/srv/src", "o", "bind"));
    }

    @Test
    void badCreatesAreRefusedInDockersWordsAndMakeNothing() {
        String tenant = unique("t");
        StandInParts.NODE_CALLS.clear();
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{\"Name\":\"a\"}", "create a: volume name is too short, names should be at least two alphanumeric characters");
        refusals.put("{\"Name\":\"bad/name\"}", "create bad/name: \"bad/name\" includes invalid characters for a local volume"
                + " name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        refusals.put("{\"Name\":\"..\"}", "create ..: \"..\" includes invalid characters for a local volume name, only"
                + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"foo\":\"bar\"}}", "create x1: invalid option: \"foo\"");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"type\":\"tmpfs\"}}", "create x1: missing required option: \"device\"");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"o\":\"size=1m\"}}", "create x1: missing required option: \"device\"");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"device\":\"/tmp\"}}", "create x1: missing required option: \"type\"");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"size\":\"10\"}}", "create x1: quota size requested but no quota support");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"type\":\"nfs\",\"device\":\":/export\",\"o\":\"addr=10.0.0.1\"}}",
                "create x1: Berth's local driver makes tmpfs volumes (type=tmpfs) and bind-backed ones (type=none, o=bind)"
                        + " only, not type \"nfs\" with o \"addr=10.0.0.1\"");
        refusals.put("{\"Name\":\"x1\",\"DriverOpts\":{\"type\":\"none\",\"device\":\"rel\",\"o\":\"bind\"}}",
                "create x1: the device of a bind-backed volume must be an absolute host path: \"rel\"");
        refusals.put("{\"Name\":7}", "json: cannot unmarshal number into VolumeCreateOptions.Name of type string");
        refusals.put("{\"Name\":\"x1\",\"ClusterVolumeSpec\":{\"Group\":\"g\"}}", "Berth does not support ClusterVolumeSpec yet");
        refusals.put("[]", "json: cannot unmarshal array into VolumeCreateOptions of type object");
        refusals.forEach((body, message) -> create(tenant, body).statusCode(400).contentType("application/json")
                .body("message", equalTo(message)));

        as(tenant).post("/volumes/create").then().statusCode(400).body("message", equalTo("got EOF while reading request body"));
        create(tenant, "{nope").statusCode(400).body("message", matchesPattern("invalid JSON.*"));
        // Docker looks the driver up as a plugin: 404, which the docker CLI shows as is.
        create(tenant, "{\"Name\":\"x1\",\"Driver\":\"other\"}").statusCode(404)
                .body("message", equalTo("create x1: error looking up volume plugin other: plugin \"other\" not found"));

        assertThat(rows(tenant)).isZero();
        assertThat(StandInParts.NODE_CALLS).noneMatch(call -> call.contains(tenant));
    }

    @Test
    void removesAVolumeFromTheNodeAndAnnouncesIt() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"gone\"}").statusCode(201);

        as(tenant).delete("/volumes/gone").then().statusCode(204);

        assertThat(StandInParts.NODE_VOLUMES).doesNotContainKey(tenant + "/gone");
        as(tenant).get("/volumes/gone").then().statusCode(404).body("message", equalTo("get gone: no such volume"));
        awaitVolumeEvents(all -> all.stream().anyMatch(e -> tenant.equals(e.tenant()) && e.type().equals("io.berth.volume.destroy")
                && e.dataAs(VolumeEvent.class).equals(new VolumeEvent("gone", "local"))));
    }

    @Test
    void removingAMissingVolumeIsDockers404UnlessForced() {
        String tenant = unique("t");
        as(tenant).delete("/volumes/nope").then().statusCode(404).contentType("application/json")
                .body("message", equalTo("get nope: no such volume"));
        as(tenant).queryParam("force", "1").delete("/volumes/nope").then().statusCode(204);
    }

    @Test
    void aNodeThatCannotDeleteLeavesTheVolumeAsItWas() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"stuck\"}").statusCode(201);
        StandInParts.FAILING_DELETES.add(tenant + "/stuck");
        try {
            as(tenant).delete("/volumes/stuck").then().statusCode(500).body("message", equalTo("cannot delete " + tenant + "/stuck"));
            as(tenant).get("/volumes/stuck").then().statusCode(200);
        } finally {
            StandInParts.FAILING_DELETES.remove(tenant + "/stuck");
        }
        as(tenant).delete("/volumes/stuck").then().statusCode(204);
    }

    @Test
    void anotherTenantsVolumeCannotBeSeenRemovedOrPrunedAndItsNameIsFree() {
        String mine = unique("t");
        String theirs = unique("t");
        create(theirs, "{\"Name\":\"shared-name\"}").statusCode(201);
        create(theirs, "{}").statusCode(201);

        as(mine).get("/volumes/shared-name").then().statusCode(404);
        as(mine).delete("/volumes/shared-name").then().statusCode(404);
        as(mine).queryParam("filters", "{\"all\":[\"true\"]}").post("/volumes/prune").then().statusCode(200)
                .body("VolumesDeleted", equalTo(List.of()));
        create(mine, "{\"Name\":\"shared-name\"}").statusCode(201)
                .body("Mountpoint", equalTo(StandInParts.mountpoint(mine, "shared-name")));

        assertThat(rows(theirs)).isEqualTo(2);
        as(theirs).get("/volumes/shared-name").then().statusCode(200)
                .body("Mountpoint", equalTo(StandInParts.mountpoint(theirs, "shared-name")));
    }

    @Test
    void pruneRemovesUnusedAnonymousVolumesByDefaultAndSaysWhatItFreed() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"named\"}").statusCode(201);
        String anonymous = create(tenant, "{}").statusCode(201).extract().path("Name");
        StandInParts.SIZES.put(tenant + "/" + anonymous, 4096L);

        as(tenant).post("/volumes/prune").then().statusCode(200).contentType("application/json")
                .body("VolumesDeleted", equalTo(List.of(anonymous))).body("SpaceReclaimed", equalTo(4096));

        as(tenant).get("/volumes/named").then().statusCode(200);
        assertThat(StandInParts.NODE_VOLUMES).doesNotContainKey(tenant + "/" + anonymous);
        awaitVolumeEvents(all -> all.stream().anyMatch(e -> tenant.equals(e.tenant()) && e.type().equals("io.berth.volume.prune")
                && e.subject() == null && e.dataAs(VolumePrune.class).reclaimed() == 4096));
    }

    @Test
    void pruneAllTakesNamedVolumesTooAndLabelFiltersChoose() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"keep\",\"Labels\":{\"keep\":\"yes\"}}").statusCode(201);
        create(tenant, "{\"Name\":\"dev\",\"Labels\":{\"env\":\"dev\"}}").statusCode(201);
        create(tenant, "{\"Name\":\"prod\",\"Labels\":{\"env\":\"prod\"}}").statusCode(201);

        as(tenant).queryParam("filters", "{\"all\":[\"true\"],\"label\":[\"env=dev\"]}").post("/volumes/prune").then()
                .statusCode(200).body("VolumesDeleted", equalTo(List.of("dev")));
        as(tenant).queryParam("filters", "{\"all\":{\"1\":true},\"label!\":[\"keep\"]}").post("/volumes/prune").then()
                .statusCode(200).body("VolumesDeleted", equalTo(List.of("prod")));
        as(tenant).get("/volumes/keep").then().statusCode(200);
    }

    @Test
    void clientsOlderThanApi142PruneEveryUnusedVolume() {
        String tenant = unique("t");
        create(tenant, "{\"Name\":\"old-style\"}").statusCode(201);

        as(tenant).header("X-Berth-Api-Version", "1.47").post("/volumes/prune").then().body("VolumesDeleted", equalTo(List.of()));
        as(tenant).header("X-Berth-Api-Version", "1.41").post("/volumes/prune").then().statusCode(200)
                .body("VolumesDeleted", equalTo(List.of("old-style")));
    }

    @Test
    void badPruneFiltersAre400AndRemoveNothing() {
        String tenant = unique("t");
        create(tenant, "{}").statusCode(201);

        as(tenant).queryParam("filters", "{\"dangling\":[\"true\"]}").post("/volumes/prune").then().statusCode(400)
                .body("message", equalTo("invalid filter 'dangling'"));
        as(tenant).queryParam("filters", "{\"all\":[\"maybe\"]}").post("/volumes/prune").then().statusCode(400)
                .body("message", equalTo("invalid filter 'all=maybe'"));
        assertThat(rows(tenant)).isEqualTo(1);
    }
}
