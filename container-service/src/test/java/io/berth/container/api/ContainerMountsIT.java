package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.berth.events.CloudEvent;
import io.berth.events.container.ContainerDestroy;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A create's mounts, every form, against real PostgreSQL and Kafka with stand-ins for volume-service and the worker:
 * the volumes volume-service is asked to ensure, the OCI mounts and mount sources the worker gets, inspect's
 * {@code Mounts} and {@code HostConfig}, {@code ps --filter volume=}, {@code rm -v}, and every refusal with nothing
 * asked of volume-service or the worker.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerMountsIT {
    private static final String TENANT = "mounts";

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String body) {
        return as(TENANT).body(body).post("/containers/create").then().statusCode(201).extract().path("Id");
    }

    private static JsonObject ociMount(String id, String destination) {
        for (Object mount : StandInParts.spec(id).getJsonArray("mounts")) {
            if (destination.equals(((JsonObject) mount).getString("destination"))) {
                return (JsonObject) mount;
            }
        }
        throw new AssertionError("no mount at " + destination + " in " + StandInParts.spec(id).getJsonArray("mounts"));
    }

    private static String data(String volume) {
        return StandInVolumes.ROOT + TENANT + "/" + volume + "/_data";
    }

    @Test
    void everyFormOfVolumeBecomesAnEnsuredVolumeAndABindOfItsData() {
        String id = create("""
                {"Image":"with-volume","Volumes":{"/anon":{}},
                 "HostConfig":{"Binds":["named:/named:ro","/srv/app:/app"],
                   "Mounts":[{"Type":"volume","Source":"opts","Target":"/opts","VolumeOptions":{"NoCopy":true,
                     "Labels":{"l":"v"},"DriverConfig":{"Options":{"type":"tmpfs","device":"tmpfs"}}}},
                     {"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":67108864,"Mode":1023}}],
                   "Tmpfs":{"/run":"size=1m,exec"}}}""");

        JsonArray ensured = StandInVolumes.ENSURED.get(id).getJsonArray("volumes");
        assertThat(ensured.stream().map(v -> ((JsonObject) v).getString("destination")))
                .containsExactly("/named", "/opts", "/anon", "/var/lib/data");
        assertThat(ensured.getJsonObject(0).getString("name")).isEqualTo("named");
        assertThat(ensured.getJsonObject(0).getBoolean("readWrite")).isFalse();
        assertThat(ensured.getJsonObject(1).getJsonObject("driverOpts").getMap()).isEqualTo(Map.of("type", "tmpfs", "device", "tmpfs"));
        assertThat(ensured.getJsonObject(1).getJsonObject("labels").getMap()).isEqualTo(Map.of("l", "v"));
        assertThat(ensured.getJsonObject(2).getString("name")).isNull();

        assertThat(ociMount(id, "/named").getMap()).isEqualTo(Map.of("destination", "/named", "type", "bind",
                "source", data("named"), "options", List.of("rbind", "ro", "rprivate")));
        assertThat(ociMount(id, "/app").getJsonArray("options").getList()).isEqualTo(List.of("rbind", "rprivate"));
        assertThat(ociMount(id, "/app").getString("source")).isEqualTo("/srv/app");
        assertThat(ociMount(id, "/scratch").getJsonArray("options").getList())
                .isEqualTo(List.of("noexec", "nosuid", "nodev", "rprivate", "mode=1777", "size=64m"));
        assertThat(ociMount(id, "/run").getJsonArray("options").getList())
                .isEqualTo(List.of("exec", "nosuid", "nodev", "rprivate", "size=1m"));
        // The image's VOLUME and Config.Volumes are filled from the image; a --mount volume-nocopy is not; -v binds
        // are made when missing.
        assertThat(StandInVolumes.MOUNT_SOURCES.get(id).getJsonArray("copyUp").getList())
                .containsExactlyInAnyOrder("/named", "/anon", "/var/lib/data");
        assertThat(StandInVolumes.MOUNT_SOURCES.get(id).getJsonArray("createSources").getList()).containsExactly("/srv/app");
    }

    @Test
    void inspectShowsTheMountsAndTheFormsTheyCameFrom() {
        String id = create("""
                {"Image":"busybox","Volumes":{"/anon":{}},
                 "HostConfig":{"Binds":["shown:/d:ro,z","/srv:/h:rslave"],"Tmpfs":{"/t":"size=1m"},"ReadonlyRootfs":true,
                   "Mounts":[{"Type":"bind","Source":"/srv","Target":"/h2","ReadOnly":true,"BindOptions":{"NonRecursive":true}}]}}""");

        Map<String, Object> mounts = new LinkedHashMap<>();
        List<Map<String, Object>> shown = as(TENANT).get("/containers/" + id + "/json").then().statusCode(200)
                .body("HostConfig.Binds", equalTo(List.of("shown:/d:ro,z", "/srv:/h:rslave")))
                .body("HostConfig.Tmpfs", equalTo(Map.of("/t", "size=1m")))
                .body("HostConfig.ReadonlyRootfs", equalTo(true))
                .body("HostConfig.Mounts[0].Type", equalTo("bind")).body("HostConfig.Mounts[0].BindOptions.NonRecursive", equalTo(true))
                .body("Config.Volumes", equalTo(Map.of("/anon", Map.of())))
                .extract().path("Mounts");
        shown.forEach(mount -> mounts.put((String) mount.get("Destination"), mount));

        assertThat(mounts).containsOnlyKeys("/d", "/h", "/h2", "/anon");
        assertThat(mounts.get("/d")).isEqualTo(Map.of("Type", "volume", "Name", "shown", "Source", data("shown"),
                "Destination", "/d", "Driver", "local", "Mode", "ro,z", "RW", false, "Propagation", ""));
        assertThat(mounts.get("/h")).isEqualTo(Map.of("Type", "bind", "Source", "/srv", "Destination", "/h",
                "Mode", "rslave", "RW", true, "Propagation", "rslave"));
        assertThat(mounts.get("/h2")).isEqualTo(Map.of("Type", "bind", "Source", "/srv", "Destination", "/h2",
                "Mode", "", "RW", false, "Propagation", "rprivate"));
        assertThat(StandInParts.spec(id).getJsonObject("root").getBoolean("readonly")).isTrue();
        assertThat(ociMount(id, "/h2").getJsonArray("options").getList()).isEqualTo(List.of("bind", "ro", "rprivate"));
    }

    @Test
    void volumesFromSharesTheOtherContainersMountsReadOnlyWhenAsked() {
        create("{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"shared:/data\",\"/srv:/srv\"]}}");
        String source = as(TENANT).queryParam("all", "1").get("/containers/json").then().extract()
                .path("find { it.Mounts.find { m -> m.Name == 'shared' } }.Id");

        String id = create("{\"Image\":\"busybox\",\"HostConfig\":{\"VolumesFrom\":[\"" + source + ":ro\"],"
                + "\"Binds\":[\"/other:/srv\"]}}");

        JsonArray ensured = StandInVolumes.ENSURED.get(id).getJsonArray("volumes");
        assertThat(ensured.getJsonObject(0).getString("name")).isEqualTo("shared");
        assertThat(ensured.getJsonObject(0).getBoolean("readWrite")).isFalse();
        assertThat(ociMount(id, "/data").getJsonArray("options").getList()).contains("ro");
        // A -v at the same destination replaces what --volumes-from shared there.
        assertThat(ociMount(id, "/srv").getString("source")).isEqualTo("/other");
        assertThat(StandInVolumes.MOUNT_SOURCES.get(id).getJsonArray("copyUp").getList()).isEmpty();
    }

    @Test
    void psFiltersByVolumeNameBindSourceOrDestination() {
        String id = create("{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"psvol:/ps-data\",\"/ps-src:/ps-bind\"]}}");

        for (String wanted : List.of("psvol", "/ps-data", "/ps-src", "/ps-bind")) {
            as(TENANT).queryParam("all", "1").queryParam("filters", "{\"volume\":[\"" + wanted + "\"]}")
                    .get("/containers/json").then().statusCode(200).body("Id", equalTo(List.of(id)));
        }
        as(TENANT).queryParam("all", "1").queryParam("filters", "{\"volume\":[\"nope\"]}").get("/containers/json")
                .then().statusCode(200).body("Id", not(hasItem(id)));
    }

    @Test
    void rmWithVTellsVolumeServiceToTakeTheAnonymousVolumes() {
        String kept = create("{\"Image\":\"busybox\",\"Volumes\":{\"/a\":{}}}");
        String taken = create("{\"Image\":\"busybox\",\"Volumes\":{\"/a\":{}}}");

        as(TENANT).delete("/containers/" + kept).then().statusCode(204);
        as(TENANT).queryParam("v", "True").delete("/containers/" + taken).then().statusCode(204);

        assertThat(ContainerLifecycleIT.TopicProbeFor.container(kept, 2).get(1).dataAs(ContainerDestroy.class).removeVolumes())
                .isFalse();
        CloudEvent destroy = ContainerLifecycleIT.TopicProbeFor.container(taken, 2).get(1);
        assertThat(destroy.dataAs(ContainerDestroy.class).removeVolumes()).isTrue();
    }

    @Test
    void aCreateTheWorkerRefusesReleasesItsVolumes() {
        as(TENANT).body("{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"v1:/v-refused\"]},\"Cmd\":[\"worker-refuses\"]}")
                .post("/containers/create").then().statusCode(400)
                .body("message", equalTo("invalid mount config for type \"bind\": refused"));

        String id = StandInVolumes.ENSURED.entrySet().stream()
                .filter(e -> e.getValue().getJsonArray("volumes").getJsonObject(0).getString("destination").equals("/v-refused"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(StandInVolumes.RELEASED).contains(id);
        as(TENANT).get("/containers/" + id + "/json").then().statusCode(404);
    }

    @Test
    void badMountsAreRefusedInDockersWordsWithNothingAskedOfAnyone() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"Binds\":[\"data:d\"]}", "invalid volume specification: 'data:d': invalid mount config for type"
                + " \"volume\": invalid mount path: 'd' mount path must be absolute");
        refusals.put("{\"Binds\":[\"data:/d\",\"other:/d\"]}", "Duplicate mount point: /d");
        refusals.put("{\"Binds\":[\"data:/d:xx\"]}", "invalid mode: xx");
        refusals.put("{\"Binds\":[\"/x:/d:ro,rw\"]}", "invalid mode: ro,rw");
        refusals.put("{\"Binds\":[\"/tmp:/\"]}", "invalid volume specification: '/tmp:/': invalid mount config for type"
                + " \"bind\": invalid specification: destination can't be '/'");
        refusals.put("{\"Binds\":[\"a:b:c:d\"]}", "invalid volume specification: 'a:b:c:d'");
        refusals.put("{\"Binds\":[\"/tmp:/d:nocopy\"]}", "invalid volume specification: '/tmp:/d:nocopy': invalid mount"
                + " config for type \"bind\": field VolumeOptions must not be specified");
        refusals.put("{\"Binds\":[\"/d:rw\"]}", "invalid volume specification: '/d:rw'");
        refusals.put("{\"Mounts\":[{\"Type\":\"foo\",\"Target\":\"/d\"}]}", "invalid mount config for type \"foo\": mount type unknown");
        refusals.put("{\"Mounts\":[{\"Type\":\"npipe\",\"Source\":\"x\",\"Target\":\"/d\"}]}",
                "invalid mount config for type \"npipe\": mount type unknown");
        refusals.put("{\"Mounts\":[{\"Type\":\"bind\",\"Target\":\"/d\"}]}", "invalid mount config for type \"bind\": field Source must not be empty");
        refusals.put("{\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"d\"}]}",
                "invalid mount config for type \"volume\": invalid mount path: 'd' mount path must be absolute");
        refusals.put("{\"Mounts\":[{\"Type\":\"tmpfs\",\"Source\":\"x\",\"Target\":\"/d\"}]}",
                "invalid mount config for type \"tmpfs\": field Source must not be specified");
        refusals.put("{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/d\",\"BindOptions\":{\"Propagation\":\"shared\"}}]}",
                "invalid mount config for type \"volume\": field BindOptions must not be specified");
        refusals.put("{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/d\",\"VolumeOptions\":{\"NoCopy\":true}}]}",
                "invalid mount config for type \"bind\": field VolumeOptions must not be specified");
        refusals.put("{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/d\",\"BindOptions\":{\"Propagation\":\"sideways\"}}]}",
                "invalid mount config for type \"bind\": invalid propagation mode: sideways");
        refusals.put("{\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/d\",\"ReadOnly\":true}]}",
                "invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes");
        refusals.put("{\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/d\",\"TmpfsOptions\":{\"SizeBytes\":-5}}]}",
                "invalid mount config for type \"tmpfs\": invalid tmpfs size: -5");
        refusals.put("{\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/d\",\"TmpfsOptions\":{\"Options\":[[\"uid\",\"1\"]]}}]}",
                "invalid mount config for type \"tmpfs\": invalid option: uid");
        refusals.put("{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/d\",\"VolumeOptions\":{\"Subpath\":\"x\"}}]}",
                "Berth does not support HostConfig.Mounts.VolumeOptions.Subpath yet");
        refusals.put("{\"Mounts\":[{\"Type\":\"image\",\"Source\":\"busybox\",\"Target\":\"/d\",\"ImageOptions\":{\"Subpath\":\"x\"}}]}",
                "Berth does not support HostConfig.Mounts.ImageOptions yet");
        refusals.put("{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/d\",\"BindOptions\":{\"ReadOnlyNonRecursive\":true}}]}",
                "option ReadOnlyNonRecursive requires ReadOnly");
        refusals.put("{\"Tmpfs\":{\"d\":\"\"}}", "invalid mount path: 'd' mount path must be absolute");
        refusals.put("{\"Tmpfs\":{\"/d\":\"rw\"},\"Binds\":[\"/tmp:/d\"]}", "Duplicate mount point: /d");
        refusals.put("{\"VolumesFrom\":[\"x:y:z\"]}", "invalid mode: y:z");
        refusals.put("{\"VolumesFrom\":[\"x:rshared\"]}", "invalid mode: rshared");
        int workerCreates = StandInParts.WORKER_CREATES.get();
        int ensured = StandInVolumes.ENSURED.size();

        refusals.forEach((hostConfig, message) -> as(TENANT).body("{\"Image\":\"busybox\",\"HostConfig\":" + hostConfig + "}")
                .post("/containers/create").then().statusCode(400).contentType("application/json")
                .body("message", equalTo(message)));
        as(TENANT).body("{\"Image\":\"busybox\",\"Volumes\":{\"rel\":{}}}").post("/containers/create").then()
                .statusCode(400).body("message", equalTo("invalid volume specification: 'rel': invalid mount config for"
                        + " type \"volume\": invalid mount path: 'rel' mount path must be absolute"));
        as(TENANT).body("{\"Image\":\"busybox\",\"HostConfig\":{\"VolumesFrom\":[\"nope\"]}}").post("/containers/create")
                .then().statusCode(404).body("message", equalTo("No such container: nope"));
        // volume-service's refusal passes through in its words, and the worker is never asked.
        as(TENANT).body("{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"refused-x:/d\"]}}").post("/containers/create")
                .then().statusCode(400).body("message", equalTo("create refused-x: invalid option: \"foo\""));

        assertThat(StandInParts.WORKER_CREATES.get()).isEqualTo(workerCreates);
        assertThat(StandInVolumes.ENSURED.size()).isEqualTo(ensured);
        as(TENANT).queryParam("all", "1").get("/containers/json").then().body("Image", not(hasItem("never")));
    }
}
