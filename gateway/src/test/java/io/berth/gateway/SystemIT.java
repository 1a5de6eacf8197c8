package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The endpoints the gateway answers itself, the version prefix, and Docker's headers, over real HTTP. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class SystemIT {
    @TestHTTPResource("/")
    URL port;

    @Test
    void pingGetAnswersOkWithDockersHeaders() {
        given().get("/_ping").then().statusCode(200)
                .header("Api-Version", "1.47")
                .header("Server", "Berth/0.1.0 (linux)")
                .header("Ostype", "linux")
                .header("Docker-Experimental", "false")
                .header("Builder-Version", "1")
                .header("Swarm", "inactive")
                .header("Cache-Control", "no-cache, no-store, must-revalidate")
                .header("Pragma", "no-cache")
                .body(equalTo("OK"));
    }

    @Test
    void pingHeadHasTheSameHeadersAndAnEmptyBody() {
        Response head = given().head("/_ping");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Api-Version")).isEqualTo("1.47");
        assertThat(head.header("Swarm")).isEqualTo("inactive");
        assertThat(head.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(head.header("Content-Length")).isEqualTo("0");
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void pingIsServedWithAVersionPrefixToo() {
        // Testcontainers pings /v1.44/_ping, then falls back to /v1.32 (surface §1.4).
        given().get("/v1.44/_ping").then().statusCode(200).body(equalTo("OK"));
        given().get("/v1.24/_ping").then().statusCode(200);
    }

    @Test
    void versionHasDockersShape() throws Exception {
        given().get("/version").then().statusCode(200)
                .contentType("application/json")
                .header("Api-Version", "1.47")
                .body("Version", equalTo("27.5.1-berth"))
                .body("ApiVersion", equalTo("1.47"))
                .body("MinAPIVersion", equalTo("1.24"))
                .body("Os", equalTo("linux"))
                .body("Arch", equalTo("amd64"))
                .body("GoVersion", equalTo("n/a"))
                .body("KernelVersion", equalTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip()))
                .body("Experimental", equalTo(false))
                .body("GitCommit", not(emptyString()))
                .body("BuildTime", not(emptyString()))
                .body("Platform.Name", equalTo("Berth 0.1.0"))
                .body("Components[0].Name", equalTo("Engine"))
                .body("Components[0].Version", equalTo("27.5.1-berth"))
                .body("Components[0].Details.BerthVersion", equalTo("0.1.0"))
                .body("Components[0].Details.ApiVersion", equalTo("1.47"));
    }

    @Test
    void infoCountsTheTenantsResourcesAtTheirOwners() throws Exception {
        StandInServices.SEEN.clear();
        given().header("X-Berth-Tenant", "someone-else").get("/v1.47/info").then().statusCode(200)
                .contentType("application/json")
                .body("Containers", equalTo(3))
                .body("ContainersRunning", equalTo(1))
                .body("ContainersPaused", equalTo(0))
                .body("ContainersStopped", equalTo(2))
                .body("Images", equalTo(1))
                .body("OSType", equalTo("linux"))
                .body("OperatingSystem", equalTo("Berth"))
                .body("Architecture", equalTo("x86_64"))
                .body("ServerVersion", equalTo("27.5.1-berth"))
                .body("Driver", equalTo("overlay2"))
                .body("NCPU", greaterThan(0))
                .body("MemTotal", greaterThan(0L))
                .body("Labels.size()", equalTo(0))
                .body("ExperimentalBuild", equalTo(false))
                .body("Swarm.LocalNodeState", equalTo("inactive"))
                .body("Swarm.ControlAvailable", equalTo(false))
                .body("Swarm.NodeID", equalTo(""))
                .body("Swarm.NodeAddr", equalTo(""))
                .body("DefaultRuntime", equalTo("runc"))
                .body("Runtimes.runc.path", equalTo("runc"))
                .body("Name", equalTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()));
        // The counts were asked for with the gateway's tenant, never the client's.
        for (int i = 0; i < 2; i++) {
            assertThat(StandInServices.nextSeen().getString("tenant")).isEqualTo("default");
        }
    }

    @Test
    void infoCountsNothingForAServiceThatFails() {
        StandInServices.containerListBroken = true;
        try {
            given().get("/info").then().statusCode(200)
                    .body("Containers", equalTo(0))
                    .body("ContainersRunning", equalTo(0))
                    .body("Images", equalTo(1))
                    // The test profile's mirror, as dockerd lists registry-mirrors.
                    .body("RegistryConfig.Mirrors[0]", equalTo("https://mirror.berth.test/"));
        } finally {
            StandInServices.containerListBroken = false;
        }
    }

    @Test
    void aVersionBelowTheMinimumIsTooOld() {
        given().get("/v1.23/version").then().statusCode(400)
                .contentType("application/json")
                .header("Api-Version", "1.47")
                .body("message", equalTo("client version 1.23 is too old. Minimum supported API version is 1.24, "
                        + "please upgrade your client to a newer version"));
    }

    @Test
    void aVersionAboveTheMaximumIsTooNew() {
        given().get("/v1.99/containers/json").then().statusCode(400)
                .contentType("application/json")
                .body("message", equalTo("client version 1.99 is too new. Maximum supported API version is 1.47"));
    }

    @Test
    void anUnknownPathIsDockersPageNotFound() {
        given().get("/nothing/here").then().statusCode(404)
                .contentType("application/json")
                .header("Server", "Berth/0.1.0 (linux)")
                .body("message", equalTo("page not found"));
        given().get("/v1.47/nothing").then().statusCode(404).body("message", equalTo("page not found"));
        given().post("/version").then().statusCode(404).body("message", equalTo("page not found"));
    }

    @Test
    void oneConnectionCarriesCallAfterCall() throws Exception {
        // The Go client keeps its connection: HEAD /_ping, then the real calls on the same socket.
        try (RawHttp client = new RawHttp(port.getPort())) {
            client.send("HEAD /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.readHead(3000).toLowerCase()).startsWith("http/1.1 200").contains("content-length: 0");
            client.send("GET /v1.47/version HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 200");
            client.read(contentLength(head), 3000);
            client.send("GET /v1.47/networks/x HTTP/1.1\r\nHost: x\r\n\r\n");
            head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 200");
            client.read(contentLength(head), 3000);
            client.send("POST /v1.47/containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 201");
        }
    }

    private static int contentLength(String head) {
        return Integer.parseInt(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:")).findFirst()
                .orElseThrow().substring("content-length:".length()).trim());
    }

    /** Relative to the management interface's root, {@code /q}. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL health;

    @Test
    void healthAnswersOnTheManagementPortOnly() {
        // The launcher and Kubernetes probes ask the management interface; the Docker API port has no /q/, as dockerd.
        given().get(health).then().statusCode(200);
        assertThat(health.getPort()).isNotEqualTo(port.getPort());
        given().get("/q/health/ready").then().statusCode(404)
                .contentType("application/json")
                .body("message", equalTo("page not found"));
        given().get("/v1.47/q/health").then().statusCode(404).body("message", equalTo("page not found"));
    }
}
