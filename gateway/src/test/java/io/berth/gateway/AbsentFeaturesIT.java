package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Swarm, plugins and BuildKit's session answer as dockerd 20.10 answers on a node without them (each answer checked
 * against it), never "page not found" on a route of Docker's; nothing reaches a service.
 */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class AbsentFeaturesIT {
    private static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
            + " to connect this node to swarm and try again.";

    @Test
    void everySwarmObjectAnswersAsANodeOutsideASwarm() {
        List<String[]> calls = List.of(
                new String[] {"GET", "/swarm"}, new String[] {"POST", "/swarm/update?version=1"},
                new String[] {"GET", "/swarm/unlockkey"}, new String[] {"POST", "/swarm/unlock"},
                new String[] {"GET", "/nodes"}, new String[] {"GET", "/nodes/n1"}, new String[] {"DELETE", "/nodes/n1"},
                new String[] {"POST", "/nodes/n1/update?version=1"},
                new String[] {"GET", "/services"}, new String[] {"POST", "/services/create"}, new String[] {"GET", "/services/s1"},
                new String[] {"DELETE", "/services/s1"}, new String[] {"POST", "/services/s1/update?version=1"},
                new String[] {"GET", "/services/s1/logs?stdout=1"},
                new String[] {"GET", "/tasks"}, new String[] {"GET", "/tasks/t1"}, new String[] {"GET", "/tasks/t1/logs"},
                new String[] {"GET", "/secrets"}, new String[] {"POST", "/secrets/create"}, new String[] {"GET", "/secrets/x"},
                new String[] {"DELETE", "/secrets/x"}, new String[] {"POST", "/secrets/x/update?version=1"},
                new String[] {"GET", "/configs"}, new String[] {"POST", "/configs/create"}, new String[] {"GET", "/configs/x"},
                new String[] {"DELETE", "/configs/x"}, new String[] {"POST", "/v1.47/configs/x/update?version=1"});
        for (String[] call : calls) {
            given().body("{}").contentType("application/json").request(call[0], call[1]).then().statusCode(503)
                    .body("message", equalTo(NOT_A_MANAGER));
        }
        given().post("/swarm/leave").then().statusCode(503).body("message", equalTo("This node is not part of a swarm"));
        for (String verb : List.of("/swarm/init", "/swarm/join")) {
            given().body("{}").contentType("application/json").post(verb).then().statusCode(400)
                    .body("message", equalTo("Berth does not run swarm mode: this node cannot init or join a swarm"));
        }
        // Not a route of Docker's: its 404.
        given().delete("/swarm").then().statusCode(404).body("message", equalTo("page not found"));
        given().get("/services/s1/nothing").then().statusCode(404).body("message", equalTo("page not found"));
    }

    @Test
    void noPluginIsInstalledAndNoneCanBe() {
        given().get("/plugins").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("filters", "{\"enabled\":[\"true\"]}").get("/plugins").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("filters", "{\"bad\":[\"x\"]}").get("/plugins").then().statusCode(400)
                .body("message", equalTo("invalid filter 'bad'"));
        String refusal = "Berth does not run Docker Engine plugins: nothing can be installed";
        given().queryParam("remote", "vieux/sshfs").get("/plugins/privileges").then().statusCode(400).body("message", equalTo(refusal));
        given().queryParam("remote", "vieux/sshfs").body("[]").post("/plugins/pull").then().statusCode(400).body("message", equalTo(refusal));
        given().queryParam("name", "p").post("/plugins/create").then().statusCode(400).body("message", equalTo(refusal));
        given().get("/plugins/sshfs/json").then().statusCode(404).body("message", equalTo("plugin \"sshfs\" not found"));
        given().delete("/plugins/sshfs").then().statusCode(404).body("message", equalTo("plugin \"sshfs\" not found"));
        for (String verb : List.of("enable", "disable", "push", "set")) {
            given().body("[]").post("/plugins/sshfs/" + verb).then().statusCode(404).body("message", equalTo("plugin \"sshfs\" not found"));
        }
        given().queryParam("remote", "sshfs").body("[]").post("/plugins/sshfs/upgrade").then().statusCode(404)
                .body("message", equalTo("plugin \"sshfs:latest\" not found"));
        given().get("/plugins/sshfs").then().statusCode(404).body("message", equalTo("page not found"));
    }

    @Test
    void aBuildKitSessionIsRefusedSayingWhichBuilderWorks() {
        given().post("/session").then().statusCode(400)
                .body("message", equalTo("Berth has no BuildKit session: build with the classic builder (DOCKER_BUILDKIT=0)"));
    }
}
