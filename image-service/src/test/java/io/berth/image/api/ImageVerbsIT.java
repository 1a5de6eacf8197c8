package io.berth.image.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.berth.events.container.ContainerEvent;
import io.berth.events.image.ImageEvent;
import io.berth.image.BlobRootResource;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.BuiltImage;
import io.berth.image.service.TestImages;
import io.berth.kit.tenant.TenantId;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.berth.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * tag, history, rmi and prune through the Docker API, with the events they publish and the in-use guard learnt from
 * Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BlobRootResource.class, restrictToAnnotatedClass = true)
class ImageVerbsIT {
    private static final TenantId TENANT = TenantId.DEFAULT;

    @Inject
    BlobStore blobs;

    private static RequestSpecification api() {
        return api(TENANT);
    }

    private static RequestSpecification api(TenantId tenant) {
        return given().header("X-Berth-Tenant", tenant.value());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tagNamesTheImageMovesATagAndSaysSoOnBerthImages() {
        String repo = "tagme-" + unique();
        BuiltImage one = TestImages.add(TENANT, "one " + repo, repo, "v1");
        BuiltImage two = TestImages.add(TENANT, "two " + repo, repo + "-two", "v1");

        // The Go client sends the repository fully qualified.
        api().post("/images/" + repo + ":v1/tag?repo=docker.io/library/" + repo + "&tag=v2").then().statusCode(201);
        api().get("/images/" + repo + ":v2/json").then().statusCode(200).body("Id", equalTo(one.configDigest().toString()));
        api().post("/images/" + two.configDigest() + "/tag?repo=" + repo + "&tag=v2").then().statusCode(201);
        api().get("/images/" + repo + ":v2/json").then().statusCode(200).body("Id", equalTo(two.configDigest().toString()));
        api().post("/images/" + repo + ":v1/tag?repo=" + repo).then().statusCode(201);
        api().get("/images/" + repo + ":latest/json").then().statusCode(200);

        List<CloudEvent> events = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.IMAGES,
                seen -> seen.stream().anyMatch(e -> e.type().equals("io.berth.image.tag")
                        && e.dataAs(ImageEvent.class).name().equals(repo + ":latest")), Duration.ofSeconds(20));
        CloudEvent tag = events.stream().filter(e -> e.type().equals("io.berth.image.tag")
                && e.dataAs(ImageEvent.class).name().equals(repo + ":v2")).findFirst().orElseThrow();
        assertThat(tag.subject()).isEqualTo(one.configDigest().toString());
        assertThat(tag.tenant()).isEqualTo("default");
    }

    @Test
    void badTagRequestsAre400And404() {
        String repo = "badtag-" + unique();
        TestImages.add(TENANT, repo, repo, "v1");
        api().post("/images/" + repo + ":v1/tag?repo=Bad!Name").then().statusCode(400)
                .body("message", containsString("invalid reference format"));
        api().post("/images/" + repo + ":v1/tag?repo=x@sha256:" + "a".repeat(64)).then().statusCode(400)
                .body("message", equalTo("refusing to create a tag with a digest reference"));
        api().post("/images/" + repo + ":v1/tag").then().statusCode(400);
        api().post("/images/nosuch-" + repo + "/tag?repo=x").then().statusCode(404)
                .body("message", equalTo("No such image: nosuch-" + repo + ":latest"));
    }

    @Test
    void historyShowsTheStepsNewestFirstWithTheLayerSize() {
        String repo = "history-" + unique();
        BuiltImage image = TestImages.add(TENANT, "history " + repo, repo, "v1");

        api().get("/images/" + repo + ":v1/history").then().statusCode(200)
                .body("[0].Id", equalTo(image.configDigest().toString()))
                .body("[0].Tags[0]", equalTo(repo + ":v1"))
                .body("[0].Size", equalTo((int) image.layers().getFirst().uncompressedSize()))
                .body("[0].Created", equalTo(1714979289));
        api().get("/images/nosuch-" + repo + "/history").then().statusCode(404);
    }

    @Test
    void rmiOfATagUntagsAndOfTheLastTagDeletesTheImageAndItsBlobs() {
        String repo = "rmi-" + unique();
        BuiltImage image = TestImages.add(TENANT, "rmi " + repo, repo, "v1");
        api().post("/images/" + repo + ":v1/tag?repo=" + repo + "&tag=v2").then().statusCode(201);

        api().delete("/images/" + repo + ":v1").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].Untagged", equalTo(repo + ":v1"));
        assertThat(blobs.contains(image.layers().getFirst().digest())).isTrue();
        api().delete("/images/" + repo + ":v2").then().statusCode(200)
                .body("[0].Untagged", equalTo(repo + ":v2"))
                .body("[1].Deleted", equalTo(image.configDigest().toString()));
        api().get("/images/" + image.configDigest() + "/json").then().statusCode(404);
        assertThat(blobs.contains(image.layers().getFirst().digest())).as("layer blob").isFalse();
        assertThat(blobs.contains(image.configDigest())).as("config blob").isFalse();
        assertThat(blobs.contains(image.manifestDigest())).as("manifest blob").isFalse();

        List<CloudEvent> events = TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.IMAGES,
                seen -> seen.stream().anyMatch(e -> e.type().equals("io.berth.image.delete")
                        && image.configDigest().toString().equals(e.subject())), Duration.ofSeconds(20));
        assertThat(events.stream().filter(e -> image.configDigest().toString().equals(e.subject()))
                .map(CloudEvent::type)).containsSubsequence("io.berth.image.untag", "io.berth.image.untag", "io.berth.image.delete");
        api().delete("/images/" + repo + ":v2").then().statusCode(404).body("message", equalTo("No such image: " + repo + ":v2"));
    }

    @Test
    void aBlobAnotherImageStillUsesStays() {
        String repo = "shared-" + unique();
        BuiltImage image = TestImages.add(TENANT, "shared " + repo, repo, "v1");
        TestImages.add(TenantId.of("acme"), "shared " + repo, repo, "v1");

        api().delete("/images/" + repo + ":v1").then().statusCode(200);
        assertThat(blobs.contains(image.layers().getFirst().digest())).as("acme's copy keeps it").isTrue();
    }

    @Test
    void rmiByIdIsRefusedForSeveralRepositoriesUnlessForcedAndThenUntagsThemAll() {
        String repo = "multi-" + unique();
        BuiltImage image = TestImages.add(TENANT, "multi " + repo, repo, "v1");
        api().post("/images/" + repo + ":v1/tag?repo=" + repo + "-other&tag=v1").then().statusCode(201);
        String shortId = image.configDigest().hex().substring(0, 12);

        api().delete("/images/" + shortId).then().statusCode(409).body("message", equalTo("conflict: unable to delete "
                + shortId + " (must be forced) - image is referenced in multiple repositories"));
        api().delete("/images/" + shortId + "?force=1").then().statusCode(200)
                .body("Untagged", org.hamcrest.Matchers.hasItems(repo + ":v1", repo + "-other:v1"))
                .body("[2].Deleted", equalTo(image.configDigest().toString()));
    }

    @Test
    void anImageAContainerUsesIsGuardedAsDockerGuardsIt() {
        String repo = "inuse-" + unique();
        BuiltImage image = TestImages.add(TENANT, "inuse " + repo, repo, "v1");
        String container = (unique() + unique()).repeat(4);
        String shortId = image.configDigest().hex().substring(0, 12);
        publish("create", container, image.configDigest().toString());

        awaitContainers(image, 1);
        api().delete("/images/" + repo + ":v1").then().statusCode(409).body("message", equalTo(
                "conflict: unable to remove repository reference \"" + repo + ":v1\" (must force) - container "
                        + container.substring(0, 12) + " is using its referenced image " + shortId));
        api().delete("/images/" + shortId).then().statusCode(409).body("message", equalTo("conflict: unable to delete "
                + shortId + " (must be forced) - image is being used by stopped container " + container.substring(0, 12)));
        publish("start", container, null);
        // Probed without force, which cannot remove it either way; the message says when the start has been learnt.
        await(() -> api().delete("/images/" + shortId).body().asString().contains("running container"));
        api().delete("/images/" + shortId + "?force=1").then().statusCode(409).body("message", equalTo(
                "conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running container "
                        + container.substring(0, 12)));
        publish("die", container, null);
        publish("destroy", container, null);
        awaitContainers(image, 0);
        api().delete("/images/" + repo + ":v1").then().statusCode(200);
        api().get("/images/" + shortId + "/json").then().statusCode(404);
    }

    @Test
    void untaggingTheLastTagOfAnImageInUseByForceKeepsItDangling() {
        String repo = "dangling-" + unique();
        BuiltImage image = TestImages.add(TENANT, "dangling " + repo, repo, "v1");
        String container = (unique() + unique()).repeat(4);
        publish("create", container, image.configDigest().toString());
        awaitContainers(image, 1);

        api().delete("/images/" + repo + ":v1?force=1").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].Untagged", equalTo(repo + ":v1"));
        api().get("/images/" + image.configDigest() + "/json").then().statusCode(200).body("RepoTags.size()", equalTo(0));
    }

    /** Waits until image-service counts {@code count} containers of the image (its system df part): nothing changes. */
    private static void awaitContainers(BuiltImage image, int count) {
        awaitContainers(TENANT, image, count);
    }

    private static void awaitContainers(TenantId tenant, BuiltImage image, int count) {
        await(() -> api(tenant).get("/internal/images/usage").then().statusCode(200).extract().jsonPath()
                .getList("Images.findAll { it.Id == '" + image.configDigest() + "' }.Containers").equals(List.of(count)));
    }

    @Test
    void usageCountsSharedLayersAndContainers() {
        String repo = "usage-" + unique();
        BuiltImage image = TestImages.add(TENANT, "usage " + repo, repo, "v1");
        api().post("/images/" + repo + ":v1/tag?repo=" + repo + "-again").then().statusCode(201);

        var usage = api().get("/internal/images/usage").then().statusCode(200).extract().jsonPath();
        assertThat(usage.getLong("LayersSize")).isGreaterThanOrEqualTo(image.layers().getFirst().uncompressedSize());
        assertThat(usage.getList("Images.findAll { it.Id == '" + image.configDigest() + "' }.SharedSize"))
                .containsExactly(0);
        assertThat(usage.getList("Images.findAll { it.Id == '" + image.configDigest() + "' }.Containers"))
                .containsExactly(0);
    }

    @Test
    void pruneTakesDanglingImagesOrWithAllEveryUnusedOneAndSaysWhatItFreed() {
        // A tenant of its own: -a takes every unused image of the tenant, the seed's busybox of "default" included.
        TenantId tenant = TenantId.of("prune-" + unique());
        String repo = "prune-" + unique();
        BuiltImage dangling = TestImages.add(tenant, "dangling " + repo, repo, "old");
        TestImages.add(tenant, "newer " + repo, repo, "new");
        api(tenant).post("/images/" + repo + ":new/tag?repo=" + repo + "&tag=old").then().statusCode(201); // the first: dangling
        BuiltImage used = TestImages.add(tenant, "used " + repo, repo + "-used", "v1");
        String container = (unique() + unique()).repeat(4);
        publish(tenant, "create", container, used.configDigest().toString());
        awaitContainers(tenant, used, 1);
        api(tenant).delete("/images/" + repo + "-used:v1?force=1").then().statusCode(200); // dangling, but in use

        var pruned = api(tenant).post("/images/prune").then().statusCode(200).extract().jsonPath();
        assertThat(pruned.getList("ImagesDeleted.Deleted")).containsExactly(dangling.configDigest().toString());
        assertThat(pruned.getLong("SpaceReclaimed")).isPositive();
        api(tenant).get("/images/" + dangling.configDigest() + "/json").then().statusCode(404);
        api(tenant).get("/images/" + used.configDigest() + "/json").then().statusCode(200);
        api(tenant).get("/images/" + repo + ":old/json").then().statusCode(200);
        // Nothing dangling and unused is left: Docker's null, not an empty list.
        api(tenant).post("/images/prune").then().statusCode(200).body("ImagesDeleted", equalTo(null))
                .body("SpaceReclaimed", equalTo(0));

        // -a: tagged images no container uses go too, each tag untagged first; label filters choose among them.
        api(tenant).queryParam("filters", "{\"dangling\":[\"false\"],\"label\":[\"nosuch\"]}").post("/images/prune").then().statusCode(200)
                .body("ImagesDeleted", equalTo(null));
        var all = api(tenant).queryParam("filters", "{\"dangling\":[\"false\"]}").post("/images/prune").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("ImagesDeleted.Untagged")).filteredOn(java.util.Objects::nonNull).containsExactlyInAnyOrder(repo + ":old", repo + ":new");
        api(tenant).get("/images/" + repo + ":old/json").then().statusCode(404);
        api(tenant).get("/images/" + used.configDigest() + "/json").then().statusCode(200);
    }

    @Test
    void pruneRefusesFiltersItDoesNotKnowInDockersWords() {
        api().queryParam("filters", "{\"reference\":[\"x\"]}").post("/images/prune").then().statusCode(400)
                .body("message", equalTo("invalid filter 'reference'"));
        api().queryParam("filters", "{\"dangling\":[\"maybe\"]}").post("/images/prune").then().statusCode(400)
                .body("message", equalTo("invalid filter 'dangling=maybe'"));
        api().queryParam("filters", "{\"until\":[\"1h\",\"2h\"]}").post("/images/prune").then().statusCode(400)
                .body("message", equalTo("more than one until filter specified"));
        api().queryParam("filters", "{\"until\":[\"soon\"]}").post("/images/prune").then().statusCode(400)
                .body("message", containsString("failed to parse value as time or duration"));
        api().get("/images/search?term=postgres").then().statusCode(400)
                .body("message", containsString("Berth has no image index to search for postgres"));
    }

    private static void publish(String action, String container, String imageId) {
        publish(TENANT, action, container, imageId);
    }

    private static void publish(TenantId tenant, String action, String container, String imageId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", KafkaResource.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            CloudEvent event = CloudEvent.of("/test", EventKind.CONTAINER, action, container, tenant.value(),
                    new ContainerEvent(container, "c", "busybox", Map.of(), imageId));
            producer.send(new ProducerRecord<>(Topics.CONTAINERS, container, CloudEventCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
