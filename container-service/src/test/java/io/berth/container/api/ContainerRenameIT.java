package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.events.CloudEvent;
import io.berth.events.container.ContainerRename;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker rename against the stand-in parts: the new name in inspect and lookups, the rename event with the old name,
 * and dockerd's refusals (empty, invalid, the same, taken), plus Berth's own: a running container on a user network.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerRenameIT {
    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String name, String body) {
        return as("default").queryParam("name", name).body(body).post("/containers/create")
                .then().statusCode(201).extract().path("Id");
    }

    @Test
    void aRenamedContainerAnswersToItsNewNameAndTheEventCarriesTheOldOne() {
        String id = create("rn-old", "{\"Image\":\"busybox\"}");

        as("default").post("/containers/rn-old/rename?name=rn-new").then().statusCode(204);

        as("default").get("/containers/" + id + "/json").then().statusCode(200).body("Name", equalTo("/rn-new"));
        as("default").get("/containers/rn-new/json").then().statusCode(200).body("Id", equalTo(id));
        as("default").get("/containers/rn-old/json").then().statusCode(404);
        List<CloudEvent> events = ContainerLifecycleIT.TopicProbeFor.container(id, 2);
        assertThat(events.get(1).typedAction().action()).isEqualTo("rename");
        ContainerRename rename = events.get(1).dataAs(ContainerRename.class);
        assertThat(rename.name()).isEqualTo("rn-new");
        assertThat(rename.oldName()).isEqualTo("/rn-old");
    }

    @Test
    void theRefusals() {
        String id = create("rn-one", "{\"Image\":\"busybox\"}");
        String other = create("rn-two", "{\"Image\":\"busybox\"}");
        as("default").post("/containers/rn-one/rename").then().statusCode(400)
                .body("message", equalTo("Neither old nor new names may be empty"));
        as("default").queryParam("name", "bad name").post("/containers/rn-one/rename").then().statusCode(400)
                .body("message", equalTo("Error when allocating new name: Invalid container name (/bad name), only"
                        + " [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
        as("default").post("/containers/rn-one/rename?name=rn-one").then().statusCode(400)
                .body("message", equalTo("Renaming a container with the same name as its current name"));
        as("default").post("/containers/rn-one/rename?name=rn-two").then().statusCode(409)
                .body("message", equalTo("Error when allocating new name: Conflict. The container name \"/rn-two\" is"
                        + " already in use by container \"" + other + "\". You have to remove (or rename) that"
                        + " container to be able to reuse that name."));
        // Docker Engine 20.10's answers, checked on its own socket (2 Dec).
        as("default").post("/containers/rn-nobody/rename?name=x1").then().statusCode(404)
                .body("message", equalTo("No such container: rn-nobody"));
        // Another tenant's container is absent, and its name is free.
        as("other").post("/containers/rn-one/rename?name=x2").then().statusCode(404);
        as("default").get("/containers/" + id + "/json").then().body("Name", equalTo("/rn-one"));
    }

    @Test
    void aRunningContainerOnAUserNetworkIsRefusedAndKeepsItsName() {
        String id = create("rn-net", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"],"
                + "\"HostConfig\":{\"NetworkMode\":\"app\"}}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        as("default").post("/containers/rn-net/rename?name=rn-net2").then().statusCode(409)
                .body("message", equalTo("Berth cannot rename container rn-net while it runs on a user network yet"
                        + " (its DNS name there would stay the old one): stop it, rename it, start it"));
        as("default").get("/containers/" + id + "/json").then().body("Name", equalTo("/rn-net"));
        as("default").delete("/containers/" + id + "?force=1").then().statusCode(204);
    }
}
