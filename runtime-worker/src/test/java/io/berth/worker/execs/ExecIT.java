package io.berth.worker.execs;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testkit.KafkaResource;
import io.berth.worker.NodePaths;
import io.berth.worker.TestContainers;
import io.berth.worker.TinyRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exec sessions with a real runc and conmon: output on the session's log stream, exit codes, a terminal with its
 * first size and a resize, stdin with and without a terminal, the runtime's words and 126 for a command it cannot
 * exec, and the errors: no live run, unknown session, resize of a finished one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class ExecIT {
    private final List<String> created = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI worker;

    @AfterEach
    void cleanUp() {
        created.forEach(TestContainers::delete);
    }

    private String running(String... args) {
        String id = TestContainers.newId();
        created.add(id);
        TestContainers.create(id, args);
        TestContainers.start(id, 1);
        return id;
    }

    private static JsonPath exec(String id, String execId, Map<String, Object> body) {
        return given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(body)
                .put("/containers/" + id + "/execs/" + execId).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitEnd(String id, String execId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath status = given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/execs/" + execId)
                    .then().statusCode(200).extract().jsonPath();
            if (!status.getBoolean("running")) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("exec " + execId + " did not end");
    }

    /** The session's output as its log stream follows it. */
    private final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done;

        Output(String id, String execId) throws Exception {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                            worker.resolve("/containers/" + id + "/execs/" + execId + "/log"))
                    .header("X-Berth-Tenant", TENANT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            done = CompletableFuture.runAsync(() -> {
                try (InputStream in = response.body()) {
                    byte[] buffer = new byte[4096];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        List<TestContainers.Record> records() {
            byte[] copy;
            synchronized (bytes) {
                copy = bytes.toByteArray();
            }
            int end = new String(copy, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
            return TestContainers.records(java.util.Arrays.copyOf(copy, end));
        }

        String text() {
            StringBuilder text = new StringBuilder();
            for (TestContainers.Record record : records()) {
                text.append(record.text()).append(record.partial() ? "" : "\n");
            }
            return text.toString();
        }

        void await(Predicate<String> wanted, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                if (wanted.test(text())) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + what + " in the output: " + text());
        }
    }

    /** A stdin stream written by hand as the test goes, as container-service streams it. */
    private final class Input {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;

        Input(String id, String execId) throws IOException {
            socket = new java.net.Socket(worker.getHost(), worker.getPort());
            out = socket.getOutputStream();
            out.write(("POST /containers/" + id + "/execs/" + execId + "/stdin HTTP/1.1\r\nHost: worker\r\n"
                    + "X-Berth-Tenant: " + TENANT + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void type(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        int end() throws Exception {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(20_000);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            socket.close();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void anExecWritesBothStreamsToItsLogAndEndsWithItsCode() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        JsonPath started = exec(id, execId, Map.of("args", List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                "env", List.of("EXTRA=1")));
        assertThat(started.getLong("pid")).isPositive();
        Output output = new Output(id, execId);
        output.done.get(20, TimeUnit.SECONDS);
        assertThat(output.records()).containsExactly(TestContainers.Record.full("stdout", "out"),
                TestContainers.Record.full("stderr", "err"));
        JsonPath ended = awaitEnd(id, execId);
        assertThat(ended.getInt("exitCode")).isEqualTo(3);
        assertThat(ended.getString("container")).isEqualTo(id);
        assertThat(ended.getString("error")).isNull();
    }

    @Test
    void anExecSeesTheContainersEnvironmentWithItsOwnAndItsWorkingDirectory() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        exec(id, execId, Map.of("args", List.of("sh", "-c", "echo $PATH $HOME $EXTRA; pwd"),
                "env", List.of("EXTRA=x", "HOME=/tmp"), "workingDir", "/proc"));
        Output output = new Output(id, execId);
        output.done.get(20, TimeUnit.SECONDS);
        assertThat(output.text()).isEqualTo("/bin /tmp x\n/proc\n");
    }

    @Test
    void aTerminalTakesInputWithItsFirstSizeAndResizes() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        exec(id, execId, Map.of("args", List.of("sh"), "terminal", true, "openStdin", true, "height", 24,
                "width", 80));
        Output output = new Output(id, execId);
        Input input = new Input(id, execId);
        input.type("stty size\n");
        output.await(text -> text.contains("24 80"), "first size");
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/execs/" + execId + "/resize?h=30&w=100")
                .then().statusCode(204);
        input.type("stty size\n");
        output.await(text -> text.contains("30 100"), "new size");
        input.type("exit 5\n");
        assertThat(awaitEnd(id, execId).getInt("exitCode")).isEqualTo(5);
        output.done.get(20, TimeUnit.SECONDS);
        input.end();
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/execs/" + execId + "/resize?h=30&w=100")
                .then().statusCode(404).body("message", equalTo("no such exec"));
    }

    @Test
    void theEndOfTheInputClosesTheStdinOfAnExecWithoutATerminal() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        exec(id, execId, Map.of("args", List.of("cat"), "openStdin", true));
        Output output = new Output(id, execId);
        Input input = new Input(id, execId);
        input.type("line one\n");
        output.await(text -> text.contains("line one"), "first line");
        input.type("line two\n");
        assertThat(input.end()).isEqualTo(204);
        assertThat(awaitEnd(id, execId).getInt("exitCode")).isZero();
        output.done.get(20, TimeUnit.SECONDS);
        assertThat(output.text()).isEqualTo("line one\nline two\n");
    }

    @Test
    void aCommandTheRuntimeCannotExecEndsWith126AndTheRuntimesWords() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        JsonPath started = exec(id, execId, Map.of("args", List.of("nosuch")));
        assertThat(started.getBoolean("running")).isFalse();
        assertThat(started.getInt("exitCode")).isEqualTo(126);
        assertThat(started.getString("error")).startsWith("OCI runtime exec failed: ")
                .contains("\"nosuch\": executable file not found in $PATH").endsWith(": unknown");
        Output output = new Output(id, execId);
        output.done.get(20, TimeUnit.SECONDS);
        assertThat(output.text()).isEmpty();
    }

    @Test
    void theErrors() throws Exception {
        String stopped = TestContainers.newId();
        created.add(stopped);
        TestContainers.create(stopped, "true");
        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(Map.of("args", List.of("true")))
                .put("/containers/" + stopped + "/execs/" + TestContainers.newId()).then().statusCode(409)
                .body("message", equalTo("Container " + stopped + " is not running"));
        String id = running("sleep", "60");
        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(Map.of("args", List.of()))
                .put("/containers/" + id + "/execs/" + TestContainers.newId()).then().statusCode(400)
                .body("message", equalTo("No exec command specified"));
        String unknown = TestContainers.newId();
        given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/execs/" + unknown).then()
                .statusCode(404).body("message", equalTo("No such exec instance: " + unknown));
        given().header("X-Berth-Tenant", TENANT).get("/containers/" + id + "/execs/" + unknown + "/log").then()
                .statusCode(404);
        String execId = TestContainers.newId();
        exec(id, execId, Map.of("args", List.of("true")));
        given().header("X-Berth-Tenant", "other").get("/containers/" + id + "/execs/" + execId).then()
                .statusCode(404);
        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(Map.of("args", List.of("true")))
                .put("/containers/" + id + "/execs/" + execId).then().statusCode(409);
    }

    @Test
    void aContainersDeleteTakesItsSessionsAlong() throws Exception {
        String id = running("sleep", "60");
        String execId = TestContainers.newId();
        exec(id, execId, Map.of("args", List.of("sleep", "60")));
        TestContainers.delete(id);
        assertThat(Files.exists(new NodePaths(TestContainers.STATE_ROOT).execs().resolve(execId))).isFalse();
    }
}
