package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.events.CloudEvent;
import io.berth.events.container.ContainerResize;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Interactive containers against the stand-in worker: Tty, OpenStdin, StdinOnce and AttachStdin kept and shown,
 * the create's console size passed to the node, attach with stdin (streamed to the worker, ended by the client's
 * half-close, cut by the detach keys), a terminal's raw output as it comes, resize, and the errors of each.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class InteractiveAttachIT {
    private static final String INTERACTIVE = "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"],\"Tty\":true,"
            + "\"OpenStdin\":true,\"StdinOnce\":true,\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,"
            + "\"HostConfig\":{\"ConsoleSize\":[24,80]}}";

    @TestHTTPResource("/")
    URI base;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String name, String body) {
        return as("default").queryParam("name", name).body(body).post("/containers/create")
                .then().statusCode(201).extract().path("Id");
    }

    /** A hijacked attach as the docker CLI opens it: the 101 head read, the raw stream left to the test. */
    private final class Attach implements AutoCloseable {
        final Socket socket;
        final String head;

        Attach(String ref, String query) throws Exception {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /containers/" + ref + "/attach?" + query + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nX-Berth-Tenant: default\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                bytes.write(b);
            }
            head = bytes.toString(StandardCharsets.ISO_8859_1);
        }

        void type(byte... keys) throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(keys);
            out.flush();
        }

        /** Reads until {@code wanted} came. */
        String readUntil(String wanted) throws Exception {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            while (!got.toString(StandardCharsets.ISO_8859_1).contains(wanted)) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the stream ended before " + wanted + "; got: " + got);
                }
                got.write(b);
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }

        /** Everything until the server closes the stream. */
        byte[] rest() throws Exception {
            return socket.getInputStream().readAllBytes();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String received(String id) {
        ByteArrayOutputStream bytes = StandInParts.STDIN.get(id);
        if (bytes == null) {
            return null;
        }
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anInteractiveContainerKeepsItsSettingsAndGivesTheNodeItsTerminal() {
        String id = create("shell", INTERACTIVE);
        as("default").get("/containers/" + id + "/json").then().statusCode(200)
                .body("Config.Tty", equalTo(true)).body("Config.OpenStdin", equalTo(true))
                .body("Config.StdinOnce", equalTo(true)).body("Config.AttachStdin", equalTo(true))
                .body("HostConfig.ConsoleSize", equalTo(java.util.List.of(24, 80)));
        JsonObject created = StandInParts.CREATES.get(id);
        assertThat(created.getJsonObject("spec").getJsonObject("process").getBoolean("terminal")).isTrue();
        assertThat(created.getJsonObject("stdio")).isEqualTo(new JsonObject().put("openStdin", true)
                .put("stdinOnce", true).put("height", 24).put("width", 80));
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void attachWithStdinToATerminalTypesIntoItShowsItsPromptRawAndDetachesOnTheKeys() throws Exception {
        String id = create("typed", INTERACTIVE);
        // Attached before the start, as docker run -it does.
        try (Attach attach = new Attach(id, "stream=1&stdin=1&stdout=1&stderr=1")) {
            assertThat(attach.head).startsWith("HTTP/1.1 101 ").contains("application/vnd.docker.raw-stream");
            as("default").post("/containers/" + id + "/start").then().statusCode(204);
            // The prompt comes raw and at once, though its line has not ended.
            assertThat(attach.readUntil("/ # ")).isEqualTo("/ # ");
            attach.type("ls\n".getBytes(StandardCharsets.US_ASCII));
            await(() -> "ls\n".equals(received(id)), "the typed line at the worker");
            assertThat(StandInParts.STDIN_QUERIES.get(id)).isEqualTo("run=1");
            // ctrl-p ctrl-q: Berth ends the attach; neither key reaches the container, which runs on.
            attach.type((byte) 16, (byte) 17);
            assertThat(attach.rest()).isEmpty();
        }
        await(() -> "closed".equals(StandInParts.STDIN_ENDS.get(id)), "the stdin stream dropped");
        assertThat(received(id)).isEqualTo("ls\n");
        as("default").get("/containers/" + id + "/json").then().body("State.Running", equalTo(true));
        assertThat(ContainerLifecycleIT.TopicProbeFor.container(id, 4)).extracting(e -> e.typedAction().action())
                .containsExactly("create", "attach", "start", "detach");
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void withoutATerminalTheKeysAreInputAndTheClientsHalfCloseEndsAStdinOnceStdin() throws Exception {
        String id = create("piped", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"],\"OpenStdin\":true,"
                + "\"StdinOnce\":true,\"AttachStdin\":true}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        try (Attach attach = new Attach(id, "stream=1&stdin=1&stdout=1")) {
            assertThat(attach.head).contains("application/vnd.docker.multiplexed-stream");
            // dockerd looks for the detach keys on a terminal's input only.
            attach.type((byte) 16, (byte) 17, (byte) 'a');
            await(() -> "\u0010\u0011a".equals(received(id)), "the keys passed on as input");
            attach.socket.shutdownOutput();
            await(() -> "end".equals(StandInParts.STDIN_ENDS.get(id)), "the end of the client's input");
        }
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void customKeysAreHeldBackUntilTheyDoNotMatchAndATerminalsAttachEndsWithItsInput() throws Exception {
        String id = create("custom-keys", INTERACTIVE);
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        try (Attach attach = new Attach(id, "stream=1&stdin=1&stdout=1&detachKeys=ctrl-x,y")) {
            attach.readUntil("/ # ");
            // ctrl-x alone, then a byte that is not y: both go on.
            attach.type((byte) 24, (byte) 'a');
            await(() -> "\u0018a".equals(received(id)), "the held-back key passed on");
            // A terminal's stdin is never closed by an attach: the end of the client's input ends the attach.
            attach.socket.shutdownOutput();
            assertThat(attach.rest()).isEmpty();
        }
        await(() -> "closed".equals(StandInParts.STDIN_ENDS.get(id)), "the stdin stream dropped");
        try (Attach again = new Attach(id, "stream=1&stdin=1&stdout=1&detachKeys=ctrl-x,y")) {
            again.readUntil("/ # ");
            again.type((byte) 24, (byte) 'y');
            assertThat(again.rest()).isEmpty();
        }
        as("default").get("/containers/" + id + "/json").then().body("State.Running", equalTo(true));
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void stdinIsTakenOnlyFromAContainerWhoseStdinIsOpenAndOnlyOverAnUpgrade() throws Exception {
        String closed = create("closed-stdin", "{\"Image\":\"busybox\",\"Cmd\":[\"quiet-forever\"]}");
        as("default").post("/containers/" + closed + "/start").then().statusCode(204);
        try (Attach attach = new Attach(closed, "stream=1&stdin=1&stdout=1")) {
            assertThat(attach.head).startsWith("HTTP/1.1 101 ");
            attach.type("ignored\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(StandInParts.STDIN).doesNotContainKey(closed);

        String open = create("open-stdin", INTERACTIVE);
        as("default").post("/containers/" + open + "/attach?stream=1&stdin=1&stdout=1").then().statusCode(400)
                .body("message", equalTo("attaching stdin needs the connection upgraded (Connection: Upgrade, Upgrade: tcp)"));
        as("default").post("/containers/" + open + "/attach?stream=1&stdout=1&detachKeys=ctrl-zz").then().statusCode(400)
                .body("message", equalTo("Invalid detach keys (ctrl-zz) provided"));
        as("default").queryParam("force", "1").delete("/containers/" + closed).then().statusCode(204);
        as("default").queryParam("force", "1").delete("/containers/" + open).then().statusCode(204);
    }

    @Test
    void resizeReachesARunningContainersTerminalAndIsAnnounced() throws Exception {
        String id = create("sized", INTERACTIVE);
        as("default").post("/containers/" + id + "/resize?h=30&w=100").then().statusCode(409)
                .body("message", equalTo("Container " + id + " is not running"));
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        as("default").post("/containers/" + id + "/resize?h=x&w=100").then().statusCode(400)
                .body("message", equalTo("strconv.Atoi: parsing \"x\": invalid syntax"));
        as("default").post("/containers/" + id + "/resize?w=100").then().statusCode(400)
                .body("message", equalTo("strconv.Atoi: parsing \"\": invalid syntax"));
        as("default").post("/containers/" + id + "/resize?h=30&w=100").then().statusCode(200);
        assertThat(StandInParts.RESIZES.get(id)).isEqualTo("h=30&w=100");
        CloudEvent resized = ContainerLifecycleIT.TopicProbeFor.container(id, 3).get(2);
        assertThat(resized.typedAction().action()).isEqualTo("resize");
        assertThat(resized.dataAs(ContainerResize.class).height()).isEqualTo(30);
        assertThat(resized.dataAs(ContainerResize.class).width()).isEqualTo(100);
        as("default").post("/containers/nothing-here/resize?h=1&w=1").then().statusCode(404);
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }
}
