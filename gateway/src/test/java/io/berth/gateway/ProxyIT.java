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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Forwarding to the owning service through a stand-in: headers, prefixes, streams, upgrades and failures. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class ProxyIT {
    private static final String[] UPGRADE = {"Connection: Upgrade", "Upgrade: tcp", "Content-Length: 0"};

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
    void aServicesEarlyAnswerReachesTheClientWhileItIsStillSending() throws Exception {
        // The service answers 413 after 64 KiB of 64 MiB and drops its connection: the client must get that 413,
        // never the gateway's 503 nor a reset, however the race between the gateway's writes and the drop goes.
        for (int attempt = 0; attempt < 10; attempt++) {
            try (RawHttp client = new RawHttp(gateway.getPort())) {
                int length = 64 * 1024 * 1024;
                client.send("PUT /v1.47/containers/toolarge/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/x-tar\r\nContent-Length: " + length + "\r\n\r\n");
                Thread sender = Thread.ofVirtual().start(() -> client.sendZeros(length));
                String head = client.readHead(5000);
                assertThat(head).as("attempt %d", attempt).startsWith("HTTP/1.1 413");
                assertThat(head.toLowerCase()).contains("connection: close");
                assertThat(client.readUntil("}", 5000)).endsWith("{\"message\":\"request body too large\"}");
                // The gateway closes once it has thrown the rest away, and never resets the answer it gave.
                client.readToEnd(5000);
                sender.join(5000);
            }
        }
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
    void aClientKilledMidStreamLeavesNoStackTraceInTheLog() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            try (RawHttp logs = new RawHttp(gateway.getPort());
                    RawHttp events = new RawHttp(gateway.getPort());
                    RawHttp attach = new RawHttp(gateway.getPort());
                    RawHttp upload = new RawHttp(gateway.getPort());
                    RawHttp stop = new RawHttp(gateway.getPort());
                    RawHttp run = new RawHttp(gateway.getPort())) {
                // docker run without -i: CloseWrite at once, then output until the CLI is killed.
                run.send("POST /v1.47/containers/chatty/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
                assertThat(run.readHead(3000)).startsWith("HTTP/1.1 101");
                run.shutdownOutput();
                run.readUntil("out\n", 3000);
                // Ctrl-C on a docker stop: the client is gone before the service's answer comes.
                stop.send("POST /v1.47/containers/slow/stop HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
                logs.send("GET /v1.47/containers/endless/logs?follow=1&stdout=1 HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(logs.readHead(3000)).startsWith("HTTP/1.1 200");
                logs.readUntil("line\n", 3000);
                events.send("GET /v1.47/events HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(events.readHead(3000)).startsWith("HTTP/1.1 200");
                attach.send("POST /v1.47/containers/echo/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
                assertThat(attach.readHead(3000)).startsWith("HTTP/1.1 101");
                attach.read(6, 3000);
                StandInServices.uploadStarted = new CompletableFuture<>();
                StandInServices.uploadOutcome = new CompletableFuture<>();
                upload.send("PUT /v1.47/containers/upload/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
                StandInServices.uploadStarted.get(5, TimeUnit.SECONDS);
                // What a killed docker CLI leaves behind: connections reset with data still in flight.
                logs.abort();
                events.abort();
                stop.abort();
                run.abort();
                attach.write("unread\n");
                attach.abort();
                upload.abort();
            }
            // The service learns that the upload broke off (it must not take the part for the whole).
            assertThat(StandInServices.uploadOutcome.get(5, TimeUnit.SECONDS)).isEqualTo("broken");
            Thread.sleep(1000);
            assertThat(log.noteworthy()).isEmpty();
        }
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
    void noSpellingOfAPathReachesAServicesManagementEndpoints() throws Exception {
        StandInServices.MANAGEMENT_HITS.clear();
        // Refused by the gateway itself: the canonical path would leave the route, or names no route.
        for (String path : List.of("/containers/../q/health", "/containers/%2e%2e/q/health",
                "/containers/%2E%2E/q/health", "/containers/.%2e/q/health", "/containers/..%2fq%2fhealth",
                "/containers/x/../../q/health", "/containers/.%2e/.%2e/q/health", "//q/health", "/./q/health",
                "/v1.47/../q/health", "/v1.47//q/health", "/v1.47/q/health", "/q/health", "/q/../q/health",
                "/images/a%2F..%2F..%2Fq%2Fhealth", "/containers/%zz/../q/health")) {
            String answer = call("GET " + path);
            assertThat(answer).as(path).matches("(?s)HTTP/1.1 40[04] .*");
            if (!path.contains("%zz")) {
                // (Vert.x refuses a malformed escape itself, with an empty 400, before any route sees it.)
                assertThat(answer).as(path).contains("content-type: application/json").contains("{\"message\":");
            }
        }
        // Passed on, for the service to refuse as any odd name: still nothing reaches its management endpoints.
        for (String path : List.of("/containers/..;/q/health", "/containers/..%5cq%5chealth",
                "/containers/..\\q\\health", "/containers/%2e%2e%3b/q/health", "/containers/%252e%252e/q/health")) {
            call("GET " + path);
        }
        assertThat(StandInServices.MANAGEMENT_HITS).isEmpty();
    }

    @Test
    void aPathIsForwardedInItsCanonicalSpelling() throws Exception {
        StandInServices.SEEN.clear();
        assertThat(call("GET /v1.47/containers/abc/%2e%2e//json")).startsWith("HTTP/1.1 200");
        assertThat(StandInServices.nextSeen().getString("path")).isEqualTo("/containers/json");
        // A clean path goes on byte for byte, an encoded slash in an image name included.
        assertThat(call("GET /v1.47/images/library%2Fbusybox/json")).startsWith("HTTP/1.1 200");
        assertThat(StandInServices.nextSeen().getString("path")).isEqualTo("/images/library%2Fbusybox/json");
    }

    /** One call on a fresh connection, the request line exactly as given; the answer as far as the peer sends it. */
    private String call(String requestLine, String... headers) throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send(requestLine + " HTTP/1.1\r\nHost: x\r\n" + String.join("", java.util.Arrays.stream(headers)
                    .map(h -> h + "\r\n").toList()) + "\r\n");
            String head = client.readHead(3000);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            return head + (length.find() ? client.read(Integer.parseInt(length.group(1)), 3000) : "");
        }
    }

    @Test
    void aServiceThatBreaksAnUpgradeIsAnsweredInThePlatformsWords() throws Exception {
        String vanished = call("POST /v1.47/exec/vanishing/start", UPGRADE);
        assertThat(vanished).startsWith("HTTP/1.1 503")
                .contains("{\"message\":\"Berth's container-service is not reachable; try again in a moment\"}");
        String garbled = call("POST /v1.47/exec/garbled/start", UPGRADE);
        assertThat(garbled).startsWith("HTTP/1.1 500").contains("internal error in Berth (reference ")
                .doesNotContain("SSH").doesNotContain("127.0.0.1");
    }

    @Test
    void aServiceThatIsDownIsUnavailable() {
        given().get("/v1.47/volumes").then().statusCode(503)
                .contentType("application/json")
                .header("Api-Version", "1.47")
                .body("message", containsString("volume-service is not reachable"));
    }
}
