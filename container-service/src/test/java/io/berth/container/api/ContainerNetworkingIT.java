package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Containers on networks, with stand-ins for network-service and the worker: a create's networks resolved and kept,
 * a start's lease asked for and passed to the worker, inspect and ps in Docker's shapes, connect and disconnect of a
 * created and of a running container, and the refusals of network settings.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerNetworkingIT {
    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String name, String body) {
        return as("nets").queryParam("name", name).body(body).post("/containers/create").then().statusCode(201)
                .extract().path("Id");
    }

    @Test
    void aContainerOnAUserNetworkIsLeasedStartedAndInspectedAsDockerShowsIt() {
        String id = create("web", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"],\"ExposedPorts\":{\"80/tcp\":{},\"81/tcp\":{}},"
                + "\"HostConfig\":{\"NetworkMode\":\"app\",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},"
                + "\"Dns\":[\"10.1.1.1\"],\"ExtraHosts\":[\"db:10.2.2.2\"]},"
                + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"app\":{\"Aliases\":[\"www\"],\"IPAMConfig\":{\"IPv4Address\":\"10.9.0.7\"}}}}}");

        as("nets").get("/containers/" + id + "/json").then().statusCode(200)
                .body("HostConfig.NetworkMode", equalTo("app"))
                .body("HostConfig.PortBindings.'80/tcp'[0].HostPort", equalTo("8080"))
                .body("HostConfig.Dns", equalTo(List.of("10.1.1.1")))
                .body("Config.ExposedPorts", equalTo(Map.of("80/tcp", Map.of(), "81/tcp", Map.of())))
                .body("NetworkSettings.Ports", equalTo(Map.of()))
                .body("NetworkSettings.Networks.app.NetworkID", equalTo(StandInParts.APP_ID))
                .body("NetworkSettings.Networks.app.IPAddress", equalTo(""))
                .body("NetworkSettings.Networks.app.IPAMConfig.IPv4Address", equalTo("10.9.0.7"))
                .body("NetworkSettings.Networks.app.Aliases", equalTo(List.of("www", id.substring(0, 12))));

        as("nets").post("/containers/" + id + "/start").then().statusCode(204);

        JsonObject lease = StandInParts.LEASES.get(id);
        assertThat(lease.getString("name")).isEqualTo("web");
        assertThat(lease.getLong("run")).isEqualTo(1);
        assertThat(lease.getJsonArray("networks").getJsonObject(0).getMap())
                .containsEntry("network", StandInParts.APP_ID).containsEntry("ipv4", "10.9.0.7");
        assertThat(lease.getJsonArray("ports").getJsonObject(0).getMap()).containsEntry("containerPort", 80)
                .containsEntry("hostPort", "8080");
        JsonObject plan = StandInParts.START_PLANS.get(id);
        assertThat(plan.getJsonArray("attachments").getJsonObject(0).getString("ipv4")).isEqualTo("10.9.0.2");
        assertThat(plan.getJsonArray("dns").getList()).containsExactly("10.1.1.1");
        assertThat(plan.getJsonArray("extraHosts").getList()).containsExactly("db:10.2.2.2");
        as("nets").get("/containers/" + id + "/json").then().statusCode(200)
                .body("NetworkSettings.Networks.app.IPAddress", equalTo("10.9.0.2"))
                .body("NetworkSettings.Networks.app.Gateway", equalTo("10.9.0.1"))
                .body("NetworkSettings.Networks.app.IPPrefixLen", equalTo(24))
                .body("NetworkSettings.Networks.app.EndpointID", equalTo("e".repeat(64)))
                .body("NetworkSettings.IPAddress", equalTo(""))
                .body("NetworkSettings.Ports.'80/tcp'", equalTo(List.of(Map.of("HostIp", "0.0.0.0", "HostPort", "8080"))))
                .body("NetworkSettings.Ports.'81/tcp'", nullValue());
        as("nets").get("/containers/json").then().statusCode(200)
                .body("find { it.Id == '" + id + "' }.Ports[0]", equalTo(Map.of("IP", "0.0.0.0", "PrivatePort", 80,
                        "PublicPort", 8080, "Type", "tcp")))
                .body("find { it.Id == '" + id + "' }.HostConfig.NetworkMode", equalTo("app"))
                .body("find { it.Id == '" + id + "' }.NetworkSettings.Networks.app.IPAddress", equalTo("10.9.0.2"));
        as("nets").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void publishAllPortsPublishesTheImagesAndTheCreatesExposedPortsOnChosenHostPorts() {
        String id = create("all-ports", "{\"Image\":\"exposes-80-and-53\",\"ExposedPorts\":{\"7000/tcp\":{}},"
                + "\"HostConfig\":{\"PublishAllPorts\":true,\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8081\"}]}}}");
        as("nets").get("/containers/" + id + "/json").then().statusCode(200)
                .body("Config.ExposedPorts", equalTo(Map.of("53/udp", Map.of(), "7000/tcp", Map.of(), "80/tcp", Map.of())));

        as("nets").post("/containers/" + id + "/start").then().statusCode(204);

        // dockerd's -P: every exposed port without a binding of its own, on a free port of every address.
        assertThat(StandInParts.LEASES.get(id).getJsonArray("ports").stream().map(p -> ((JsonObject) p).getMap()).toList())
                .containsExactly(Map.of("containerPort", 80, "protocol", "tcp", "hostIp", "127.0.0.1", "hostPort", "8081"),
                        Map.of("containerPort", 53, "protocol", "udp", "hostIp", "", "hostPort", ""),
                        Map.of("containerPort", 7000, "protocol", "tcp", "hostIp", "", "hostPort", ""));
        as("nets").get("/containers/" + id + "/json").then().statusCode(200)
                .body("NetworkSettings.Ports.'80/tcp'", equalTo(List.of(Map.of("HostIp", "127.0.0.1", "HostPort", "8081"))))
                .body("NetworkSettings.Ports.'53/udp'[0].HostPort", equalTo("32768"))
                .body("NetworkSettings.Ports.'7000/tcp'[0].HostPort", equalTo("32769"));
        as("nets").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void theDefaultBridgeFillsDockersLegacyFieldsAndNoneAndHostHaveNoEndpoint() {
        String bridged = create("plain", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"],\"HostConfig\":{\"NetworkMode\":\"default\"}}");
        as("nets").post("/containers/" + bridged + "/start").then().statusCode(204);
        as("nets").get("/containers/" + bridged + "/json").then().statusCode(200)
                .body("HostConfig.NetworkMode", equalTo("default"))
                .body("NetworkSettings.IPAddress", equalTo("172.17.0.2"))
                .body("NetworkSettings.Gateway", equalTo("172.17.0.1"))
                .body("NetworkSettings.Networks.bridge.Aliases", nullValue());
        as("nets").queryParam("force", "1").delete("/containers/" + bridged).then().statusCode(204);

        String none = create("isolated", "{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"none\"}}");
        as("nets").post("/containers/" + none + "/start").then().statusCode(204);
        assertThat(StandInParts.LEASES).doesNotContainKey(none);
        as("nets").get("/containers/" + none + "/json").then()
                .body("NetworkSettings.Networks.none.IPAddress", equalTo(""));
        as("nets").queryParam("force", "1").delete("/containers/" + none).then().statusCode(204);
    }

    @Test
    void connectAndDisconnectChangeACreatedContainersNetworksAndAnEndpointOfARunningOne() {
        String id = create("joiner", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");

        as("nets").body("{\"Container\":\"joiner\",\"EndpointConfig\":{\"Aliases\":[\"j\"]}}").post("/networks/app/connect")
                .then().statusCode(200);
        as("nets").get("/containers/" + id + "/json").then()
                .body("NetworkSettings.Networks.app.Aliases", equalTo(List.of("j", id.substring(0, 12))))
                .body("NetworkSettings.Networks.bridge.NetworkID", equalTo(StandInParts.BRIDGE_ID));
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/app/disconnect").then().statusCode(200);
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/app/disconnect").then().statusCode(409)
                .body("message", equalTo("container " + id + " is not connected to the network app"));
        as("nets").body("{\"Container\":\"nosuch\"}").post("/networks/app/connect").then().statusCode(404)
                .body("message", equalTo("No such container: nosuch"));
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/nonet/connect").then().statusCode(404)
                .body("message", equalTo("network nonet not found"));

        as("nets").post("/containers/" + id + "/start").then().statusCode(204);
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/app/connect").then().statusCode(200);
        assertThat(StandInParts.WORKER_CONNECTS).contains(id + " " + StandInParts.APP_ID);
        as("nets").get("/containers/" + id + "/json").then().body("NetworkSettings.Networks.app.IPAddress", equalTo("10.9.0.9"));
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/app/connect").then().statusCode(403)
                .body("message", equalTo("endpoint with name joiner already exists in network app"));
        as("nets").body("{\"Container\":\"joiner\"}").post("/networks/app/disconnect").then().statusCode(200);
        assertThat(StandInParts.WORKER_CONNECTS).doesNotContain(id + " " + StandInParts.APP_ID);
        as("nets").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void aMissingNetworkOrAConflictingSettingMakesNothing() {
        int creates = StandInParts.WORKER_CREATES.get();
        as("nets").queryParam("name", "lost").body("{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"nonet\"}}")
                .post("/containers/create").then().statusCode(404).body("message", equalTo("network nonet not found"));
        as("nets").queryParam("name", "lost").body("{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"container:x\",\"Dns\":[\"1.1.1.1\"]}}")
                .post("/containers/create").then().statusCode(400).body("message", equalTo("conflicting options: dns and the network mode"));
        as("nets").queryParam("name", "lost").body("{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"99999/tcp\":[]}}}")
                .post("/containers/create").then().statusCode(400).body("message", equalTo("invalid port specification: \"99999/tcp\""));
        assertThat(StandInParts.WORKER_CREATES.get()).isEqualTo(creates);
        as("nets").get("/containers/lost/json").then().statusCode(404);
    }
}
