package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The public port's limits over real sockets, with every limit at one second: idle keep-alive connections, slow
 * heads, stalled bodies and a connection limit are cut, while silent streams (wait, events, a hijacked attach) and a
 * body the service reads slowly outlive every limit.
 */
@QuarkusTest
@TestProfile(EdgeTimeoutsIT.OneSecond.class)
@QuarkusTestResource(StandInServices.class)
@QuarkusTestResource(KafkaResource.class)
class EdgeTimeoutsIT {
    /** Longer than every limit of the profile below. */
    private static final int LONGER_THAN_ANY_LIMIT = 3500;
    private static final int MAX_CONNECTIONS = 8;

    @TestHTTPResource("/")
    URL gateway;

    /** Every limit at one second, and room for {@value #MAX_CONNECTIONS} clients. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "berth.gateway.edge.idle-timeout", "PT1S",
                    "berth.gateway.edge.head-timeout", "PT1S",
                    "berth.gateway.edge.body-timeout", "PT1S",
                    "berth.gateway.edge.max-connections", Integer.toString(MAX_CONNECTIONS));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            ping(client);
            long start = System.nanoTime();
            assertThat(client.readToEnd(5000)).isEmpty();
            // Closed by the idle timeout (one second), neither at once nor never; wide, since a loaded machine may
            // read the ping's answer late (the server's clock started when it wrote it).
            assertThat(elapsedMillis(start)).isBetween(300L, 4500L);
        }
    }

    @Test
    void aHeadSentOneByteASecondIsCut() throws Exception {
        // The first request of a connection, and a later one on a kept-alive connection: both have one second.
        try (RawHttp first = new RawHttp(gateway.getPort())) {
            assertThat(dribbleHead(first)).isLessThan(2500L);
        }
        try (RawHttp later = new RawHttp(gateway.getPort())) {
            ping(later);
            assertThat(dribbleHead(later)).isLessThan(2500L);
        }
    }

    @Test
    void aStalledBodyIsCutWith408AndTheServiceSeesABrokenUpload() throws Exception {
        StandInServices.uploadStarted = new CompletableFuture<>();
        StandInServices.uploadOutcome = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("PUT /v1.47/containers/upload/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-tar\r\nContent-Length: 100\r\n\r\nfirst");
            StandInServices.uploadStarted.get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            String head = client.readHead(5000);
            assertThat(elapsedMillis(start)).isBetween(800L, 2500L);
            assertThat(head).startsWith("HTTP/1.1 408").contains("content-type: application/json");
            assertThat(head.toLowerCase()).contains("connection: close");
            assertThat(client.readToEnd(5000)).contains("{\"message\":\"the request body stalled");
        }
        assertThat(StandInServices.uploadOutcome.get(5, TimeUnit.SECONDS)).isEqualTo("broken");
    }

    @Test
    void aBodyTheServiceReadsSlowlyIsNoStall() throws Exception {
        // The service reads nothing for 2.5 s: the gateway stops reading too, and that time is not the client's.
        int length = 16 * 1024 * 1024;
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("PUT /v1.47/containers/sluggish/archive?path=/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-tar\r\nContent-Length: " + length + "\r\n\r\n");
            Thread sender = Thread.ofVirtual().start(() -> client.sendZeros(length));
            assertThat(client.readHead(10_000)).startsWith("HTTP/1.1 200");
            assertThat(client.readUntil("}", 3000)).endsWith("{\"received\":" + length + "}");
            sender.join(5000);
        }
    }

    @Test
    void theConnectionOverTheLimitIsRefusedWhileTheFirstOnesWork() throws Exception {
        // Connections of earlier tests are gone once the idle timeout has passed.
        Thread.sleep(1500);
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                RawHttp client = new RawHttp(gateway.getPort());
                clients.add(client);
                ping(client);
            }
            try (RawHttp oneTooMany = new RawHttp(gateway.getPort())) {
                // The kernel accepts it; the gateway closes it at once, unanswered.
                oneTooMany.send("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThatThrownBy(() -> oneTooMany.readHead(3000)).isInstanceOf(IOException.class)
                        .hasMessageNotContaining("timed out");
            }
            for (RawHttp client : clients) {
                ping(client);
            }
            clients.removeFirst().close();
            Thread.sleep(200);
            try (RawHttp another = new RawHttp(gateway.getPort())) {
                ping(another);
            }
        } finally {
            for (RawHttp client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aWaitSilentForLongerThanEveryLimitStillGetsItsAnswer() throws Exception {
        StandInServices.heldExit = new CompletableFuture<>();
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/containers/held/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 200");
            assertThat(client.quietFor(LONGER_THAN_ANY_LIMIT)).isTrue();
            StandInServices.heldExit.complete(7);
            assertThat(client.readUntil("}", 3000)).endsWith("{\"StatusCode\":7,\"Error\":null}");
        }
    }

    @Test
    void anEventsStreamStaysOpen() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("GET /v1.47/events HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.readHead(5000)).startsWith("HTTP/1.1 200");
            // Nothing happens, and nothing closes: quietFor is false at the end of the stream.
            assertThat(client.quietFor(LONGER_THAN_ANY_LIMIT)).isTrue();
        }
    }

    @Test
    void aHijackedAttachSilentForLongerThanEveryLimitStaysOpen() throws Exception {
        try (RawHttp client = new RawHttp(gateway.getPort())) {
            client.send("POST /v1.47/containers/echo/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
            assertThat(client.readHead(3000)).startsWith("HTTP/1.1 101");
            assertThat(client.read(6, 3000)).isEqualTo("hello\n");
            assertThat(client.quietFor(LONGER_THAN_ANY_LIMIT)).isTrue();
            client.write("still here\n");
            assertThat(client.read(11, 3000)).isEqualTo("still here\n");
        }
    }

    private static void ping(RawHttp client) throws IOException {
        client.send("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(client.readHead(3000)).startsWith("HTTP/1.1 200");
        assertThat(client.read(2, 3000)).isEqualTo("OK");
    }

    /** Sends a request head a byte every 300 ms; how long until the gateway closed, never having answered. */
    private static long dribbleHead(RawHttp client) throws Exception {
        String head = "GET /v1.47/version HTTP/1.1\r\nHost: x\r\nUser-Agent: slowloris\r\n\r\n";
        long start = System.nanoTime();
        try {
            for (char c : head.toCharArray()) {
                client.write(String.valueOf(c));
                Thread.sleep(300);
            }
        } catch (IOException closed) {
            // The gateway closed while the head was still coming: what is expected.
        }
        assertThat(client.readToEnd(3000)).isEmpty();
        return elapsedMillis(start);
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
