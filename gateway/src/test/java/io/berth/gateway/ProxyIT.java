package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Forwarding to the owning service through a stand-in: headers, prefixes, streams, upgrades and failures. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class ProxyIT {
    @TestHTTPResource("/")
    URL gateway;

    @Test
    void forwardsWithoutThePrefixAndWithTheGatewaysTenant() throws Exception {
        StandInServices.SEEN.clear();
        given().urlEncodingEnabled(false).header("X-Berth-Tenant", "intruder").header("X-Berth-Anything", "x")
                .get("/v1.41/networks/abc?filters=%7B%7D").then().statusCode(200)
                .header("Server", "Berth/0.1.0 (linux)")
                .header("Api-Version", "1.47")
                .header("Ostype", "linux")
                .header("Docker-Experimental", "false");
        JsonObject seen = StandInServices.nextSeen();
        assertThat(seen.getString("method")).isEqualTo("GET");
        assertThat(seen.getString("path")).isEqualTo("/networks/abc");
        assertThat(seen.getString("query")).isEqualTo("filters=%7B%7D");
        assertThat(seen.getString("tenant")).isEqualTo("default");
        assertThat(seen.getInteger("tenants")).isEqualTo(1);
        assertThat(seen.getString("apiVersion")).isEqualTo("1.41");
    }

    @Test
    void aLongQueryGoesThrough() throws Exception {
        // docker build puts buildargs and labels as JSON in the query; Go's server takes up to 1 MiB of head.
        StandInServices.SEEN.clear();
        String labels = "x".repeat(20_000);
        given().urlEncodingEnabled(false).get("/v1.47/images/json?filters=" + labels).then().statusCode(200);
        assertThat(StandInServices.nextSeen().getString("query")).hasSize("filters=".length() + 20_000);
    }

    @Test
    void anUnversionedCallIsForwardedAtTheNewestVersion() throws Exception {
        StandInServices.SEEN.clear();
        given().get("/images/busybox/json").then().statusCode(200);
        JsonObject seen = StandInServices.nextSeen();
        assertThat(seen.getString("path")).isEqualTo("/images/busybox/json");
        assertThat(seen.getString("apiVersion")).isEqualTo("1.47");
    }

    @Test
    void aRequestBodyIsForwarded() throws Exception {
        StandInServices.SEEN.clear();
        given().body("{\"Image\":\"busybox\"}").contentType("application/json")
                .post("/v1.47/containers/create?name=x").then().statusCode(201)
                .body("Id", equalTo(StandInServices.CONTAINER_ID));
        JsonObject seen = StandInServices.nextSeen();
        assertThat(seen.getString("path")).isEqualTo("/containers/create");
        assertThat(seen.getString("contentLength")).isEqualTo("19");
    }

    @Test
    void theWaitHeadArrivesBeforeItsBody() throws Exception {
        StandInServices.heldExit = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/containers/held/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 0\r\n\r\n");
            // The stand-in holds the body: the head must get through all the same (surface §3.3).
            String head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase()).contains("transfer-encoding: chunked").contains("api-version: 1.47");
            assertThat(client.quietFor(300)).isTrue();
            StandInServices.heldExit.complete(3);
            String body = "{\"StatusCode\":3,\"Error\":null}";
            assertThat(client.read(Integer.toHexString(body.length()).length() + 2 + body.length(), 3000))
                    .isEqualTo(Integer.toHexString(body.length()) + "\r\n" + body);
        }
    }

    @Test
    void anUploadReachesTheServiceBeforeItIsComplete() throws Exception {
        StandInServices.uploadStarted = new CompletableFuture<>();
        StandInServices.uploadOutcome = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("PUT /v1.47/containers/upload/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
            // Nothing buffers the body: its first chunk is at the service while the client still holds the rest.
            assertThat(StandInServices.uploadStarted.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            client.write("6\r\nsecond\r\n0\r\n\r\n");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 200");
            assertThat(client.readUntil("}", 3000)).endsWith("{\"received\":11}");
        }
    }

    @Test
    void anUploadBrokenOffIsNeverTakenForAWholeOne() throws Exception {
        StandInServices.uploadStarted = new CompletableFuture<>();
        StandInServices.uploadOutcome = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("PUT /v1.47/containers/upload/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
            StandInServices.uploadStarted.get(5, TimeUnit.SECONDS);
        }
        assertThat(StandInServices.uploadOutcome.get(5, TimeUnit.SECONDS)).isEqualTo("broken");
    }

    @Test
    void aClientThatLeavesEndsTheServicesStreamToo() throws Exception {
        StandInServices.waitAbandoned = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/containers/abandoned/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 200");
        }
        StandInServices.waitAbandoned.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStreamIsRelayedChunkedAsItComes() {
        given().get("/v1.47/containers/slow/logs?follow=1").then().statusCode(200)
                .header("Transfer-Encoding", "chunked")
                .body(equalTo("line 1\nline 2\n"));
    }

    @Test
    void anUpgradeIsSplicedBothWays() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/containers/echo/attach?stream=1&stdin=1&stdout=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");
            String head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(head).contains("Content-Type: application/vnd.docker.raw-stream")
                    .contains("Connection: Upgrade").contains("Upgrade: tcp");
            // What the service wrote right after its 101 is the start of the stream.
            assertThat(client.read(6, 3000)).isEqualTo("hello\n");
            client.write("ping\n");
            assertThat(client.read(5, 3000)).isEqualTo("ping\n");
            client.write("pong\n");
            assertThat(client.read(5, 3000)).isEqualTo("pong\n");
        }
    }

    @Test
    void aHalfCloseReachesTheServiceAndItsAnswerStillComesBack() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/exec/halfclose/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: 0\r\n\r\n");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 101");
            client.write("abc");
            // What the docker CLI does when its stdin ends: CloseWrite, then read on (surface §3.1).
            client.shutdownOutput();
            assertThat(client.readToEnd(3000)).isEqualTo("got: abc");
        }
    }

    @Test
    void aRefusedUpgradeIsRelayedAsAnOrdinaryAnswer() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            String body = "{\"Detach\":false}";
            client.send("POST /v1.47/exec/refused/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            String head = client.readHead(3000);
            assertThat(head).startsWith("HTTP/1.1 409");
            assertThat(head).contains("content-type: application/json").contains("Api-Version: 1.47");
            String answer = client.readUntil("0\r\n\r\n", 3000);
            assertThat(answer.replaceAll("\r\n[0-9a-f]+\r\n", "").replaceAll("^[0-9a-f]+\r\n", ""))
                    .startsWith("{\"message\":\"container x is not running\"}");
        }
    }

    @Test
    void withoutUpgradeTheSamePathIsAPlainStream() throws Exception {
        StandInServices.SEEN.clear();
        given().post("/v1.47/containers/plain/attach?stdout=1").then().statusCode(200);
        assertThat(StandInServices.nextSeen().getString("path")).isEqualTo("/containers/plain/attach");
    }

    @Test
    void aHeadCallIsAnsweredWithoutBody() {
        // docker cp asks HEAD .../archive first (surface §3.6); a HEAD answer must not be turned into a stream.
        io.restassured.response.Response head = given().head("/v1.47/containers/x/archive?path=/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Api-Version")).isEqualTo("1.47");
        assertThat(head.header("Transfer-Encoding")).isNull();
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void aServiceThatIsDownIsUnavailable() {
        given().get("/v1.47/volumes").then().statusCode(503)
                .contentType("application/json")
                .header("Api-Version", "1.47")
                .body("message", containsString("volume-service is not reachable"));
    }
}
