package io.berth.volume.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.berth.events.container.ContainerActions;
import io.berth.events.container.ContainerDestroy;
import io.berth.events.container.ContainerEvent;
import io.berth.events.volume.VolumeMount;
import io.berth.events.volume.VolumeUnmount;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.TopicProbe;
import io.berth.volume.StandInParts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Which containers use which volume: the ensure call of a container create (volumes made, uses recorded at once), the
 * container events on {@code berth.containers} that confirm, mount, unmount and end those uses, the in-use refusal
 * and the {@code dangling} filter that follow from them, and the anonymous volumes that go with {@code rm -v}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class VolumeUsesIT {
    private static KafkaProducer<String, byte[]> producer;

    @Inject
    Pool pool;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String containerId() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static ValidatableResponse ensure(String tenant, String container, JsonArray volumes) {
        return as(tenant).body(new JsonObject().put("container", container).put("volumes", volumes).encode())
                .post("/internal/volumes/ensure").then();
    }

    private static JsonObject volume(String name, String destination, boolean readWrite) {
        return new JsonObject().put("name", name).put("destination", destination).put("readWrite", readWrite)
                .put("propagation", "");
    }

    /** Publishes a container event as container-service's outbox relay would. */
    private static void announce(String tenant, String container, String action, Object payload) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        CloudEvent event = CloudEvent.of("/berth/container-service", EventKind.CONTAINER, action, container, tenant, payload);
        try {
            producer.send(new ProducerRecord<>(Topics.CONTAINERS, container, CloudEventCodec.encode(event))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void announce(String tenant, String container, String action) {
        announce(tenant, container, action, new ContainerEvent(container, "c", "busybox", Map.of()));
    }

    private static void destroyed(String tenant, String container, boolean removeVolumes) {
        announce(tenant, container, ContainerActions.DESTROY,
                new ContainerDestroy(container, "c", "busybox", Map.of(), 0, removeVolumes));
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void ensureMakesMissingVolumesAndTheContainerUsesThemAtOnce() {
        String tenant = unique("t");
        String container = containerId();
        as(tenant).body("{\"Name\":\"existing\"}").post("/volumes/create").then().statusCode(201);

        List<Map<String, Object>> volumes = ensure(tenant, container, new JsonArray()
                .add(volume("existing", "/old", true))
                .add(volume("fresh", "/new", false).put("labels", new JsonObject().put("app", "x")))
                .add(volume(null, "/anon", true)))
                .statusCode(200).extract().path("volumes");

        assertThat(volumes).extracting(v -> v.get("Name")).startsWith("existing", "fresh");
        String anonymous = (String) volumes.get(2).get("Name");
        assertThat(anonymous).matches("[0-9a-f]{64}");
        assertThat(volumes.get(2).get("Labels")).isEqualTo(Map.of("com.docker.volume.anonymous", ""));
        assertThat(volumes.get(1).get("Labels")).isEqualTo(Map.of("app", "x"));
        assertThat(volumes.get(1).get("Mountpoint")).isEqualTo(StandInParts.mountpoint(tenant, "fresh"));
        // A repeated call for the same container records the same uses again, not twice, and makes nothing new.
        ensure(tenant, container, new JsonArray().add(volume("existing", "/old", true)).add(volume("fresh", "/new", false))
                .add(volume(anonymous, "/anon", true))).statusCode(200);
        as(tenant).queryParam("filters", "{\"dangling\":[\"false\"]}").get("/volumes").then()
                .body("Volumes", hasSize(3));
        as(tenant).queryParam("filters", "{\"dangling\":[\"true\"]}").get("/volumes").then()
                .body("Volumes.Name", equalTo(List.of()));
        as(tenant).delete("/volumes/fresh").then().statusCode(409)
                .body("message", equalTo("remove fresh: volume is in use - [" + container + "]"));
    }

    @Test
    void containerEventsMountUnmountAndReleaseTheVolumes() {
        String tenant = unique("t");
        String container = containerId();
        ensure(tenant, container, new JsonArray().add(volume("db-data", "/var/lib/db", true))).statusCode(200);
        StandInParts.CONTAINERS.add(container);

        announce(tenant, container, ContainerActions.CREATE);
        announce(tenant, container, ContainerActions.START);
        announce(tenant, container, ContainerActions.DIE);
        List<CloudEvent> events = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.VOLUMES,
                all -> all.stream().anyMatch(e -> tenant.equals(e.tenant()) && e.type().endsWith(".unmount")),
                Duration.ofSeconds(20));

        List<CloudEvent> mine = events.stream().filter(e -> tenant.equals(e.tenant())).toList();
        assertThat(mine).extracting(CloudEvent::type)
                .containsExactly("io.berth.volume.create", "io.berth.volume.mount", "io.berth.volume.unmount");
        assertThat(mine.get(1).dataAs(VolumeMount.class))
                .isEqualTo(new VolumeMount("db-data", "local", container, "/var/lib/db", "", true));
        assertThat(mine.get(2).dataAs(VolumeUnmount.class)).isEqualTo(new VolumeUnmount("db-data", "local", container));
        as(tenant).delete("/volumes/db-data").then().statusCode(409);

        StandInParts.CONTAINERS.remove(container);
        destroyed(tenant, container, false);
        eventually(() -> as(tenant).queryParam("filters", "{\"dangling\":[\"true\"]}").get("/volumes").then()
                .body("Volumes.Name", equalTo(List.of("db-data"))));
        as(tenant).delete("/volumes/db-data").then().statusCode(204);
    }

    @Test
    void rmWithVolumesTakesTheContainersAnonymousVolumesButNotNamedOnesOrSharedOnes() {
        String tenant = unique("t");
        String container = containerId();
        String sharer = containerId();
        List<String> names = ensure(tenant, container, new JsonArray().add(volume("named", "/n", true))
                .add(volume(null, "/a", true)).add(volume(null, "/b", true))).statusCode(200).extract().path("volumes.Name");
        // Another container uses the second anonymous volume too (as --volumes-from does).
        ensure(tenant, sharer, new JsonArray().add(volume(names.get(2), "/b", true))).statusCode(200);
        announce(tenant, container, ContainerActions.CREATE);

        // An anonymous volume this container mounts by its name (docker run --rm -v <64 hex>:/d) is named by the
        // mount, so it stays, as dockerd keeps every mount point whose spec had a source.
        String byName = as(tenant).contentType("application/json").body("{}").post("/volumes/create").then()
                .statusCode(201).extract().path("Name");
        String other = containerId();
        ensure(tenant, other, new JsonArray().add(volume(byName, "/x", true))).statusCode(200);
        announce(tenant, other, ContainerActions.CREATE);

        destroyed(tenant, other, true);
        eventually(() -> as(tenant).queryParam("filters", "{\"dangling\":[\"true\"]}").get("/volumes").then()
                .body("Volumes.Name", org.hamcrest.Matchers.hasItem(byName)));

        destroyed(tenant, container, true);

        // Events are applied one after the other: once this container's are, the other's destroy is done too.
        eventually(() -> assertThat(StandInParts.NODE_VOLUMES).doesNotContainKey(tenant + "/" + names.get(1)));
        as(tenant).get("/volumes/" + byName).then().statusCode(200);
        as(tenant).get("/volumes/named").then().statusCode(200);
        as(tenant).get("/volumes/" + names.get(2)).then().statusCode(200);
        as(tenant).get("/volumes/" + names.get(1)).then().statusCode(404);
    }

    @Test
    void aFailedCreateReleasesItsUsesAndItsAnonymousVolumes() {
        String tenant = unique("t");
        String container = containerId();
        List<String> names = ensure(tenant, container, new JsonArray().add(volume("kept", "/k", true))
                .add(volume(null, "/a", true))).statusCode(200).extract().path("volumes.Name");

        as(tenant).queryParam("anonymous", "1").delete("/internal/volumes/uses/" + container).then().statusCode(204);

        as(tenant).get("/volumes/" + names.get(1)).then().statusCode(404);
        as(tenant).delete("/volumes/kept").then().statusCode(204);
    }

    @Test
    void aRemovalAsksContainerServiceAboutAContainerWhoseDestroyIsStillOnItsWay() {
        String tenant = unique("t");
        String gone = containerId();
        String alive = containerId();
        ensure(tenant, gone, new JsonArray().add(volume("late", "/l", true))).statusCode(200);
        ensure(tenant, alive, new JsonArray().add(volume("busy", "/b", true))).statusCode(200);
        StandInParts.CONTAINERS.add(alive);
        announce(tenant, gone, ContainerActions.CREATE);
        announce(tenant, alive, ContainerActions.CREATE);
        // Both creates confirmed; no destroy comes for the first, which container-service no longer knows.
        eventually(() -> assertThat(confirmed(gone) && confirmed(alive)).isTrue());

        as(tenant).delete("/volumes/late").then().statusCode(204);
        as(tenant).delete("/volumes/busy").then().statusCode(409);
    }

    @Test
    void aPruneTakesTheVolumesOfAContainerWhoseDestroyIsStillOnItsWay() {
        String tenant = unique("t");
        String gone = containerId();
        String alive = containerId();
        ensure(tenant, gone, new JsonArray().add(volume("late", "/l", true))).statusCode(200);
        ensure(tenant, alive, new JsonArray().add(volume("busy", "/b", true))).statusCode(200);
        StandInParts.CONTAINERS.add(alive);
        announce(tenant, gone, ContainerActions.CREATE);
        announce(tenant, alive, ContainerActions.CREATE);
        eventually(() -> assertThat(confirmed(gone) && confirmed(alive)).isTrue());

        as(tenant).queryParam("filters", "{\"all\":[\"true\"]}").post("/volumes/prune").then().statusCode(200)
                .body("VolumesDeleted", equalTo(List.of("late")));
        as(tenant).get("/volumes/busy").then().statusCode(200);
    }

    @Test
    void aYoungReservationCountsWhateverContainerServiceSays() {
        String tenant = unique("t");
        String creating = containerId();
        ensure(tenant, creating, new JsonArray().add(volume("in-flight", "/f", true))).statusCode(200);

        // The create is still with the worker: container-service does not know the container yet.
        as(tenant).delete("/volumes/in-flight").then().statusCode(409);
    }

    @Test
    void ensureRefusesBadVolumesInDockersWordsAndRecordsNothing() {
        String tenant = unique("t");
        String container = containerId();
        ensure(tenant, container, new JsonArray().add(volume("ok-one", "/o", true)).add(volume("x/y", "/d", true)))
                .statusCode(400).body("message", equalTo("create x/y: \"x/y\" includes invalid characters for a local"
                        + " volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
                        + " directory, use absolute path"));
        ensure(tenant, container, new JsonArray().add(volume("vv", "/d", true).put("driver", "other"))).statusCode(404);
        ensure(tenant, container, new JsonArray().add(volume("vv", "/d", true)
                .put("driverOpts", new JsonObject().put("foo", "bar")))).statusCode(400)
                .body("message", equalTo("create vv: invalid option: \"foo\""));

        as(tenant).queryParam("filters", "{\"dangling\":[\"false\"]}").get("/volumes").then().body("Volumes", hasSize(0));
    }

    private boolean confirmed(String container) {
        return pool.preparedQuery("SELECT bool_and(confirmed) FROM volumes.volume_use WHERE container_id = $1")
                .execute(Tuple.of(container)).await().indefinitely().iterator().next().getBoolean(0) == Boolean.TRUE;
    }

    /** Retries an assertion for up to 20 s: what follows an event happens when the consumer has applied it. */
    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
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
}
