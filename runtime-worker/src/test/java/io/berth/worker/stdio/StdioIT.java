package io.berth.worker.stdio;

import static io.berth.worker.TestContainers.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.oci.spec.Spec;
import io.berth.testkit.KafkaResource;
import io.berth.worker.TestContainers;
import io.berth.worker.TinyRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run's stdio through conmon with a real runc: a terminal, stdin through the attach socket (opened before the run
 * starts), its end closing a {@code StdinOnce} stdin, resizes through the control fifo, and the errors of resize.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TinyRegistry.class)
class StdioIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> created = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI worker;

    @AfterEach
    void cleanUp() {
        created.forEach(TestContainers::delete);
    }

    private String create(boolean terminal, StdioSettings stdio, String... args) {
        String id = TestContainers.newId();
        created.add(id);
        Spec spec = TestContainers.spec(args);
        spec = spec.updateProcess(process -> process.withTerminal(terminal));
        ObjectNode body = TestContainers.createBody("it-" + id.substring(0, 8), TinyRegistry.manifestDigest(), spec);
        body.set("stdio", JSON.valueToTree(stdio));
        given().header("X-Berth-Tenant", TENANT).contentType(ContentType.JSON).body(body.toString())
                .put("/containers/" + id).then().statusCode(201);
        return id;
    }

    /** The run's output as the log stream follows it, collected as it comes. */
    private final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done;

        Output(String id, long run) throws Exception {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                            worker.resolve("/containers/" + id + "/log?from=end&run=" + run))
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

        /** The records' contents joined as the terminal showed them. */
        String text() {
            byte[] copy;
            synchronized (bytes) {
                copy = bytes.toByteArray();
            }
            int end = new String(copy, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
            StringBuilder text = new StringBuilder();
            for (TestContainers.Record record : TestContainers.records(java.util.Arrays.copyOf(copy, end))) {
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

    /** A stdin stream: a chunked request body written by hand as the test goes, as container-service streams it. */
    private final class Input {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;

        Input(String id, long run) throws IOException {
            socket = new java.net.Socket(worker.getHost(), worker.getPort());
            out = socket.getOutputStream();
            out.write(("POST /containers/" + id + "/stdin?run=" + run + " HTTP/1.1\r\nHost: worker\r\n"
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

        /** The end of the client's input; the status the worker answers. */
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
    void aTerminalTakesInputSizesAndResizesAndExitsWithTheShellsCode() throws Exception {
        String id = create(true, new StdioSettings(true, true, 24, 80), "sh");
        Output output = new Output(id, 1);
        // Opened before the run starts, as docker run -it does.
        Input input = new Input(id, 1);
        TestContainers.start(id, 1);
        input.type("echo hi-$((40+2))\n");
        output.await(text -> text.contains("hi-42"), "echo");
        input.type("stty size\n");
        output.await(text -> text.contains("24 80"), "first size");

        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/resize?h=30&w=100")
                .then().statusCode(204);
        input.type("stty size\n");
        output.await(text -> text.contains("30 100"), "new size");

        input.type("exit 3\n");
        assertThat(TestContainers.awaitExit(id)).isEqualTo(3);
        // A terminal's output is one stream with the terminal's line ends.
        assertThat(output.text()).contains("hi-42\r\n");
        output.done.get(20, TimeUnit.SECONDS);
        input.end();
    }

    @Test
    void theEndOfTheInputClosesAStdinOnceStdinWithoutATerminal() throws Exception {
        String id = create(false, new StdioSettings(true, true, 0, 0), "cat");
        Output output = new Output(id, 1);
        Input input = new Input(id, 1);
        TestContainers.start(id, 1);
        input.type("line one\n");
        output.await(text -> text.contains("line one"), "first line");
        input.type("line two\n");
        assertThat(input.end()).isEqualTo(204);
        assertThat(TestContainers.awaitExit(id)).isZero();
        output.done.get(20, TimeUnit.SECONDS);
        assertThat(output.text()).isEqualTo("line one\nline two\n");
    }

    @Test
    void stdinKeptOpenOutlivesOneClientAndTakesTheNext() throws Exception {
        String id = create(false, new StdioSettings(true, false, 0, 0), "cat");
        Output output = new Output(id, 1);
        TestContainers.start(id, 1);
        Input first = new Input(id, 1);
        first.type("from the first\n");
        output.await(text -> text.contains("from the first"), "first client's line");
        assertThat(first.end()).isEqualTo(204);
        Input second = new Input(id, 1);
        second.type("from the second\n");
        output.await(text -> text.contains("from the second"), "second client's line");
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/kill?signal=KILL").then().statusCode(204);
        TestContainers.awaitExit(id);
        second.end();
    }

    @Test
    void stdinForARunThatIsOverEndsAtOnce() throws Exception {
        String id = create(false, new StdioSettings(true, true, 0, 0), "true");
        TestContainers.start(id, 1);
        TestContainers.awaitExit(id);
        Input late = new Input(id, 1);
        assertThat(late.end()).isEqualTo(204);
    }

    @Test
    void resizeWantsALiveRunAndSizesThatAreNumbers() throws Exception {
        String id = create(true, new StdioSettings(true, true, 0, 0), "sh");
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/resize?h=10&w=10")
                .then().statusCode(409).body("message", containsString("is not running"));
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/resize?h=x&w=10")
                .then().statusCode(400).body("message", containsString("invalid value for h"));
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + TestContainers.newId() + "/resize?h=1&w=1")
                .then().statusCode(404);
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/stdin")
                .then().statusCode(400).body("message", containsString("run"));
    }

    @Test
    void aRunWithoutATerminalTakesAResizeAndIgnoresIt() throws Exception {
        String id = create(false, StdioSettings.closed(), "sleep", "5");
        TestContainers.start(id, 1);
        given().header("X-Berth-Tenant", TENANT).post("/containers/" + id + "/resize?h=10&w=10")
                .then().statusCode(204);
    }
}
