package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.berth.events.CloudEvent;
import io.berth.events.container.ContainerExec;
import io.berth.testkit.KafkaResource;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker exec against the stand-in worker: create (and its refusals in dockerd's words), start detached, attached
 * without an upgrade (docker-java) and with one (the docker CLI), the exit code recorded before the stream ends,
 * 126 with the runtime's words on the stream, a second start, inspect, resize, and the exec events.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ExecApiIT {
    @TestHTTPResource("/")
    URI base;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String running(String name, String cmd) {
        String id = as("default").queryParam("name", name).body("{\"Image\":\"busybox\",\"Cmd\":[\"" + cmd + "\"]}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        return id;
    }

    private static String exec(String container, String body) {
        return as("default").body(body).post("/containers/" + container + "/exec").then().statusCode(201)
                .extract().path("Id");
    }

    private static JsonPath inspect(String exec) {
        return as("default").get("/exec/" + exec + "/json").then().statusCode(200).extract().jsonPath();
    }

    /** A hijacked start as the docker CLI sends it; everything the stream carried until the server closed it. */
    private byte[] hijackedStart(String exec, String body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /exec/" + exec + "/start HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Berth-Tenant: default\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101");
            socket.shutdownOutput();
            return in.readAllBytes();
        }
    }

    @Test
    void anAttachedStartWithoutUpgradeStreamsFramesAndRecordsTheExitCodeFirst() {
        String id = running("exec-plain", "quiet-forever");
        String exec = exec(id, "{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"sh\",\"-c\",\"exit 3\"]}");
        assertThat(inspect(exec).getString("ID")).isEqualTo(exec);
        assertThat(inspect(exec).getBoolean("Running")).isFalse();
        assertThat(inspect(exec).<Object>get("ExitCode")).isNull();

        byte[] body = as("default").body("{\"Detach\":false,\"Tty\":false}").post("/exec/" + exec + "/start")
                .then().statusCode(200).header("Content-Type", Frames.MEDIA_TYPE_FOR_TESTS).extract().asByteArray();

        assertThat(body).isEqualTo(concat(frame(1, "out\n"), frame(2, "err\n")));
        JsonPath inspected = inspect(exec);
        assertThat(inspected.getInt("ExitCode")).isEqualTo(3);
        assertThat(inspected.getBoolean("Running")).isFalse();
        assertThat(inspected.getInt("Pid")).isEqualTo(4343);
        assertThat(inspected.getString("ContainerID")).isEqualTo(id);
        assertThat(inspected.getString("ProcessConfig.entrypoint")).isEqualTo("sh");
        assertThat(inspected.getList("ProcessConfig.arguments")).containsExactly("-c", "exit 3");
        assertThat(StandInParts.EXECS.get(exec).getJsonArray("args").getList()).containsExactly("sh", "-c", "exit 3");
        as("default").body("{}").post("/exec/" + exec + "/start").then().statusCode(409)
                .body("message", equalTo("Error: Exec command " + exec + " has already run"));

        List<CloudEvent> events = ContainerLifecycleIT.TopicProbeFor.container(id, 5);
        List<String> actions = events.stream().map(e -> e.typedAction().action()).toList();
        assertThat(actions).containsSubsequence("exec_create", "exec_start", "exec_die");
        CloudEvent die = events.stream().filter(e -> e.typedAction().action().equals("exec_die")).findFirst().orElseThrow();
        assertThat(die.dataAs(ContainerExec.class).exitCode()).isEqualTo(3);
        assertThat(die.dataAs(ContainerExec.class).execId()).isEqualTo(exec);
        CloudEvent created = events.stream().filter(e -> e.typedAction().action().equals("exec_create")).findFirst().orElseThrow();
        assertThat(created.dataAs(ContainerExec.class).command()).isEqualTo("sh -c exit 3");
    }

    @Test
    void aHijackedStartWithStdinStreamsTheInputAndTheOutput() throws Exception {
        String id = running("exec-hijacked", "quiet-forever");
        String exec = exec(id, "{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,"
                + "\"Cmd\":[\"sh\",\"-c\",\"exit 4\"]}");
        byte[] stream = hijackedStart(exec, "{\"Detach\":false,\"Tty\":false}");
        assertThat(stream).isEqualTo(concat(frame(1, "out\n"), frame(2, "err\n")));
        assertThat(inspect(exec).getInt("ExitCode")).isEqualTo(4);
        assertThat(StandInParts.EXECS.get(exec).getBoolean("openStdin")).isTrue();
    }

    @Test
    void aCommandTheRuntimeCannotExecIs126WithItsWordsOnTheStreamOrA400WhenDetached() throws Exception {
        String id = running("exec-nosuch", "quiet-forever");
        String words = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuch\": "
                + "executable file not found in $PATH: unknown";
        String attached = exec(id, "{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"nosuch\"]}");
        assertThat(hijackedStart(attached, "{\"Detach\":false,\"Tty\":false}")).isEqualTo(frame(1, words + "\r\n"));
        assertThat(inspect(attached).getInt("ExitCode")).isEqualTo(126);
        assertThat(inspect(attached).getInt("Pid")).isZero();

        String detached = exec(id, "{\"Cmd\":[\"nosuch\"]}");
        as("default").body("{\"Detach\":true}").post("/exec/" + detached + "/start").then().statusCode(400)
                .body("message", equalTo(words));
        assertThat(inspect(detached).getInt("ExitCode")).isEqualTo(126);
    }

    @Test
    void aDetachedStartAnswersAtOnceAndTheEndIsRecordedLater() throws Exception {
        String id = running("exec-detached", "quiet-forever");
        as("default").get("/containers/" + id + "/json").then().body("ExecIDs", org.hamcrest.Matchers.nullValue());
        String exec = exec(id, "{\"Cmd\":[\"quiet-forever\"],\"Tty\":true}");
        as("default").body("{\"Detach\":true,\"Tty\":true}").post("/exec/" + exec + "/start").then().statusCode(200);
        assertThat(inspect(exec).getBoolean("Running")).isTrue();
        // The container's inspect lists its live sessions, as dockerd's does.
        as("default").get("/containers/" + id + "/json").then().body("ExecIDs", equalTo(java.util.List.of(exec)));
        as("default").post("/exec/" + exec + "/resize?h=30&w=100").then().statusCode(200);
        assertThat(StandInParts.EXEC_RESIZES.get(exec)).isEqualTo("h=30&w=100");
        as("default").post("/exec/" + exec + "/resize?h=x&w=100").then().statusCode(400)
                .body("message", equalTo("strconv.Atoi: parsing \"x\": invalid syntax"));

        StandInParts.EXEC_EXITS.put(exec, 7);
        long deadline = System.currentTimeMillis() + 10_000;
        while (inspect(exec).getBoolean("Running") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(inspect(exec).getInt("ExitCode")).isEqualTo(7);
        as("default").get("/containers/" + id + "/json").then().body("ExecIDs", org.hamcrest.Matchers.nullValue());
        as("default").post("/exec/" + exec + "/resize?h=30&w=100").then().statusCode(404)
                .body("message", equalTo("no such exec"));
    }

    @Test
    void theRefusals() {
        String id = running("exec-refusals", "quiet-forever");
        as("default").body("{\"Cmd\":[]}").post("/containers/" + id + "/exec").then().statusCode(400)
                .body("message", equalTo("No exec command specified"));
        as("default").body("{\"Cmd\":[\"true\"],\"Bogus\":1}").post("/containers/" + id + "/exec").then()
                .statusCode(400).body("message", equalTo("Berth does not support Bogus yet"));
        as("default").body("{\"Cmd\":[\"true\"],\"Privileged\":true}").post("/containers/" + id + "/exec").then()
                .statusCode(400).body("message", equalTo("Berth does not support Privileged \"true\" yet"));
        // docker-py sends the container in the body as well; another one than the path's is refused.
        as("default").body("{\"Cmd\":[\"true\"],\"Container\":\"" + id + "\"}").post("/containers/" + id + "/exec")
                .then().statusCode(201);
        as("default").body("{\"Cmd\":[\"true\"],\"Container\":\"other\"}").post("/containers/" + id + "/exec")
                .then().statusCode(400).body("message", equalTo(
                        "the body's Container (other) is not the container the path names (" + id + ")"));
        as("default").body("{\"Cmd\":[\"true\"],\"DetachKeys\":\"ctrl-zz\"}").post("/containers/" + id + "/exec")
                .then().statusCode(400).body("message", equalTo("Invalid escape keys (ctrl-zz) provided"));
        as("default").body("{\"Cmd\":\"true\"}").post("/containers/nope/exec").then().statusCode(404)
                .body("message", equalTo("No such container: nope"));
        String created = as("default").queryParam("name", "exec-created").body("{\"Image\":\"busybox\"}")
                .post("/containers/create").then().statusCode(201).extract().path("Id");
        as("default").body("{\"Cmd\":[\"true\"]}").post("/containers/" + created + "/exec").then().statusCode(409)
                .body("message", equalTo("Container " + created + " is not running"));
        as("default").get("/exec/nope/json").then().statusCode(404).body("message", equalTo("No such exec instance: nope"));
        as("default").body("{}").post("/exec/nope/start").then().statusCode(404)
                .body("message", equalTo("No such exec instance: nope"));
        as("default").post("/exec/nope/resize?h=1&w=1").then().statusCode(404)
                .body("message", equalTo("No such exec instance: nope"));
        String exec = exec(id, "{\"Cmd\":[\"true\"]}");
        as("other").get("/exec/" + exec + "/json").then().statusCode(404);
        as("default").body("{\"Detach\":true,\"Bogus\":1}").post("/exec/" + exec + "/start").then().statusCode(400)
                .body("message", equalTo("Berth does not support Bogus yet"));
        as("default").get("/exec/" + exec + "/json").then().statusCode(200).body("ExitCode", nullValue());
    }

    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) stream;
        frame[4] = (byte) (payload.length >>> 24);
        frame[5] = (byte) (payload.length >>> 16);
        frame[6] = (byte) (payload.length >>> 8);
        frame[7] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 8, payload.length);
        return frame;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The multiplexed media type, as the route sends it. */
    private static final class Frames {
        static final String MEDIA_TYPE_FOR_TESTS = io.berth.container.api.logs.Frames.MEDIA_TYPE;
    }
}
