package io.berth.container.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerNodeContainer;
import io.berth.container.clients.WorkerRunStatus;
import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.events.container.ContainerDie;
import io.berth.testkit.KafkaResource;
import io.berth.kit.tenant.TenantId;
import io.berth.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInParts.class, restrictToAnnotatedClass = true)
class ContainerLifecycleIT {
    @TestHTTPResource("/")
    URI base;
    @Inject
    Worker worker;

    private static RequestSpecification as(String tenant) {
        return given().header("X-Berth-Tenant", tenant).contentType("application/json");
    }

    private static String create(String tenant, String name, String body) {
        return as(tenant).queryParam("name", name).body(body).post("/containers/create")
                .then().statusCode(201).body("Warnings", empty()).extract().path("Id");
    }

    @Test
    void runWithRemoveWaitsExitsAndAnnouncesEveryStep() throws Exception {
        String id = create("default", "once", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"],\"Labels\":{\"tier\":\"t\"},\"HostConfig\":{\"AutoRemove\":true}}");

        // The wait answer's head must arrive before the container even starts (docker run sends start after it).
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<InputStream>> wait = http.sendAsync(HttpRequest.newBuilder(base.resolve("/containers/" + id + "/wait?condition=removed"))
                .header("X-Berth-Tenant", "default").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> head = wait.get(5, TimeUnit.SECONDS);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json");

        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        String body = CompletableFuture.supplyAsync(() -> readAll(head.body())).get(20, TimeUnit.SECONDS);
        assertThat(body).isEqualTo("{\"StatusCode\":3,\"Error\":null}");
        as("default").get("/containers/" + id + "/json").then().statusCode(404).body("message", equalTo("No such container: " + id));
        assertThat(StandInParts.LIVE).doesNotContain(id);

        List<CloudEvent> events = TopicProbeFor.container(id, 4);
        assertThat(events).extracting(e -> e.typedAction().action()).containsExactly("create", "start", "die", "destroy");
        assertThat(events).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("default"));
        assertThat(events.get(2).dataAs(ContainerDie.class).exitCode()).isEqualTo(3);
        assertThat(events.get(2).dataAs(ContainerDie.class).labels()).containsEntry("tier", "t");
    }

    @Test
    void createdContainersInspectAndListLikeDocker() {
        String id = create("default", "inspected", "{\"Image\":\"busybox\",\"Env\":[\"A=1\"],\"Cmd\":[\"echo\",\"hi\"]}");

        as("default").get("/containers/inspected/json").then().statusCode(200)
                .body("Id", equalTo(id)).body("Name", equalTo("/inspected"))
                .body("Path", equalTo("echo")).body("Args", equalTo(List.of("hi")))
                .body("State.Status", equalTo("created")).body("State.Running", equalTo(false))
                .body("State.StartedAt", equalTo("0001-01-01T00:00:00Z"))
                .body("Image", equalTo("sha256:" + "c".repeat(64)))
                .body("Config.Env", equalTo(List.of("A=1", "PATH=/bin")))
                // Docker's Config as the container runs it: every field, those moby tags omitempty left out when empty.
                .body("Config.Hostname", equalTo(id.substring(0, 12))).body("Config.Domainname", equalTo(""))
                .body("Config.User", equalTo("")).body("Config.Tty", equalTo(false)).body("Config.OpenStdin", equalTo(false))
                .body("Config.Image", equalTo("busybox")).body("Config.Cmd", equalTo(List.of("echo", "hi")))
                .body("Config.Entrypoint", equalTo(null)).body("Config.Volumes", equalTo(null))
                .body("Config.OnBuild", equalTo(null)).body("Config.Labels", equalTo(java.util.Map.of()))
                .body("Config", not(hasKey("StopSignal"))).body("Config", not(hasKey("ExposedPorts")))
                .body("Config", not(hasKey("Healthcheck"))).body("Config", not(hasKey("StopTimeout")))
                .body("Config", hasKey("AttachStdin"));
        as("default").get("/containers/" + id.substring(0, 10) + "/json").then().statusCode(200).body("Id", equalTo(id));
        as("default").get("/containers/json").then().statusCode(200).body("Id", not(hasItem(id)));
        as("default").queryParam("all", "1").get("/containers/json").then().statusCode(200)
                .body("find { it.Id == '" + id + "' }.Names", equalTo(List.of("/inspected")))
                .body("find { it.Id == '" + id + "' }.State", equalTo("created"))
                .body("find { it.Id == '" + id + "' }.Status", equalTo("Created"))
                .body("find { it.Id == '" + id + "' }.Command", equalTo("echo hi"));
        as("default").queryParam("all", "1").queryParam("filters", "{\"label\":[\"nope=1\"]}").get("/containers/json")
                .then().statusCode(200).body("Id", not(hasItem(id)));
        as("default").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void inspectShowsTheCreateCompletedFromItsImageAsDockerdDoes() {
        // Compared with dockerd 20.10: the container's variables first, then the image's it does not set; the image's
        // command and entrypoint when it gives neither; its working directory; its labels under the container's.
        String full = create("default", "completed", "{\"Image\":\"with-defaults\",\"Env\":[\"X=1\",\"LANG=fr\"],"
                + "\"Labels\":{\"own\":\"1\",\"a\":\"mine\"}}");
        as("default").get("/containers/completed/json").then().statusCode(200)
                .body("Config.Env", equalTo(List.of("X=1", "LANG=fr", "PATH=/bin")))
                .body("Config.Cmd", equalTo(List.of("serve"))).body("Config.Entrypoint", equalTo(List.of("docker-entrypoint.sh")))
                .body("Config.WorkingDir", equalTo("/data")).body("Config.Labels", equalTo(java.util.Map.of("a", "mine", "own", "1")))
                .body("Path", equalTo("docker-entrypoint.sh")).body("Args", equalTo(List.of("serve")));
        String ownCmd = create("default", "own-cmd", "{\"Image\":\"with-defaults\",\"Cmd\":[\"hello\"]}");
        as("default").get("/containers/own-cmd/json").then()
                .body("Config.Cmd", equalTo(List.of("hello"))).body("Config.Entrypoint", equalTo(List.of("docker-entrypoint.sh")))
                .body("Config.Env", equalTo(List.of("PATH=/bin", "LANG=C.UTF-8"))).body("Config.Labels", equalTo(java.util.Map.of("a", "b")));
        String ownEntrypoint = create("default", "own-entrypoint", "{\"Image\":\"with-defaults\",\"Entrypoint\":[\"/bin/echo\"]}");
        as("default").get("/containers/own-entrypoint/json").then()
                .body("Config.Cmd", equalTo(null)).body("Config.Entrypoint", equalTo(List.of("/bin/echo")));
        // Listings and their label filters see the image's labels too, as dockerd's do.
        as("default").queryParam("all", "1").queryParam("filters", "{\"label\":[\"a=b\"]}").get("/containers/json")
                .then().statusCode(200).body("Id", hasItem(ownCmd)).body("Id", not(hasItem(full)))
                .body("find { it.Id == '" + ownCmd + "' }.Labels", equalTo(java.util.Map.of("a", "b")));
        for (String id : List.of(full, ownCmd, ownEntrypoint)) {
            as("default").delete("/containers/" + id).then().statusCode(204);
        }
    }

    @Test
    void stopSignalsWaitsAndAnswers304TheSecondTime() {
        String id = create("default", "sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        as("default").post("/containers/" + id + "/start").then().statusCode(304);
        as("default").get("/containers/json").then().body("Id", hasItem(id));
        as("default").delete("/containers/" + id).then().statusCode(409)
                .body("message", equalTo("cannot remove container \"/sleeper\": container is running: stop the container before removing or force remove"));

        as("default").queryParam("t", "5").post("/containers/" + id + "/stop").then().statusCode(204);

        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("exited")).body("State.ExitCode", equalTo(143));
        as("default").post("/containers/" + id + "/stop").then().statusCode(304);
        as("default").post("/containers/" + id + "/kill").then().statusCode(409)
                .body("message", equalTo("cannot kill container: " + id + ": container " + id + " is not running"));
        as("default").delete("/containers/" + id).then().statusCode(204);
        assertThat(StandInParts.LIVE).doesNotContain(id);
    }

    @Test
    void aRedeliveredExitIsAppliedOnce() throws Exception {
        String id = create("default", "twice", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 5\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        TopicProbeFor.container(id, 3);

        StandInParts.reportExitAgain(id, 99);
        String marker = create("default", "after-twice", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 0\"]}");
        as("default").post("/containers/" + marker + "/start").then().statusCode(204);
        TopicProbeFor.container(marker, 3);

        as("default").get("/containers/" + id + "/json").then().body("State.ExitCode", equalTo(5));
        assertThat(TopicProbeFor.container(id, 3)).extracting(e -> e.typedAction().action()).containsExactly("create", "start", "die");
        as("default").delete("/containers/" + id).then().statusCode(204);
        as("default").delete("/containers/" + marker).then().statusCode(204);
    }

    @Test
    void stopEscalatesToSigkillWhenSigtermIsIgnored() {
        String id = create("default", "stubborn", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"ignore-term; sleep 60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        as("default").queryParam("t", "1").post("/containers/" + id + "/stop").then().statusCode(204);

        as("default").get("/containers/" + id + "/json").then().body("State.Status", equalTo("exited")).body("State.ExitCode", equalTo(137));
        as("default").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void forceRemovesARunningContainer() {
        String id = create("default", "forced", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        as("default").queryParam("force", "True").delete("/containers/" + id).then().statusCode(204);

        as("default").get("/containers/" + id + "/json").then().statusCode(404);
        assertThat(StandInParts.LIVE).doesNotContain(id);
        // As dockerd: the kill (signal 9) is announced before the die it causes, then the container is destroyed.
        List<CloudEvent> events = TopicProbeFor.container(id, 5);
        assertThat(events).extracting(e -> e.typedAction().action()).containsExactly("create", "start", "kill", "die", "destroy");
        assertThat(events.get(2).dataAs(io.berth.events.container.ContainerKill.class).signal()).isEqualTo(9);
        assertThat(events.get(4).dataAs(io.berth.events.container.ContainerDestroy.class).exitCode()).isEqualTo(137);
    }

    @Test
    void concurrentForcedRemovesAllFinish() throws Exception {
        // docker rm -f a b c ... sends every removal at once. (The hang this once caused, a database session opened
        // on the wrong event loop, shows only against the real worker: e2e ContainersIT covers it.)
        for (int round = 0; round < 3; round++) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(create("default", "many-" + round + "-" + i, "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}"));
            }
            as("default").post("/containers/" + ids.get(0) + "/start").then().statusCode(204);

            List<CompletableFuture<Integer>> removals = ids.stream().map(id -> CompletableFuture.supplyAsync(
                    () -> as("default").queryParam("force", "1").delete("/containers/" + id).statusCode())).toList();

            for (CompletableFuture<Integer> removal : removals) {
                assertThat(removal.get(15, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(204);
            }
        }
    }

    @Test
    void badRequestsGetDockersAnswersAndLeaveNothingBehind() {
        as("default").delete("/containers/nosuch").then().statusCode(404).body("message", equalTo("No such container: nosuch"));
        as("default").body("{\"Image\":\"nosuch:1\"}").post("/containers/create").then().statusCode(404)
                .contentType("application/json").body("message", equalTo("No such image: nosuch:1"));
        as("default").queryParam("name", "bad name").body("{\"Image\":\"busybox\"}").post("/containers/create").then()
                .statusCode(400).body("message", equalTo("Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
        as("default").body("{\"Image\":\"busybox\",\"Cmd\":[").post("/containers/create").then().statusCode(400)
                .body("message", equalTo("invalid JSON: the body ends before the JSON does"));
        as("default").body("{\"Image\":\"busybox\",\"WorkingDir\":\"rel\"}").post("/containers/create").then().statusCode(400);

        String first = create("default", "taken", "{\"Image\":\"busybox\"}");
        int live = StandInParts.LIVE.size();
        as("default").queryParam("name", "taken").body("{\"Image\":\"busybox\"}").post("/containers/create").then()
                .statusCode(409).body("message", equalTo("Conflict. The container name \"/taken\" is already in use by container \""
                        + first + "\". You have to remove (or rename) that container to be able to reuse that name."));
        assertThat(StandInParts.LIVE).hasSize(live);

        as("default").queryParam("condition", "whenever").post("/containers/taken/wait").then().statusCode(400)
                .body("message", equalTo("invalid condition: \"whenever\""));
        as("default").get("/containers/taken/logs").then().statusCode(400)
                .body("message", equalTo("Bad parameters: you must choose at least one stream"));
        as("default").queryParam("filters", "{\"colour\":[\"red\"]}").get("/containers/json").then().statusCode(400);
        given().get("/containers/json").then().statusCode(400).body("message", equalTo("internal call without a tenant"));
        as("default").delete("/containers/taken").then().statusCode(204);
    }

    @Test
    void aParameterThatIsNoNumberIs400NamingIt() {
        String id = create("default", "numbers", "{\"Image\":\"busybox\"}");
        as("default").queryParam("t", "abc").post("/containers/" + id + "/stop").then().statusCode(400)
                .body("message", equalTo("invalid value for t: strconv.Atoi: parsing \"abc\": invalid syntax"));
        as("default").queryParam("limit", "x1").get("/containers/json").then().statusCode(400)
                .body("message", equalTo("invalid value for limit: strconv.Atoi: parsing \"x1\": invalid syntax"));
        given().header("X-Berth-Tenant", "Not A Tenant!").get("/containers/json").then().statusCode(400)
                .body("message", equalTo("invalid tenant id: Not A Tenant!"));
        as("default").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void whatRealClientsSendOnCreateIsAccepted() throws Exception {
        // The docker CLI from a terminal (ConsoleSize, MemorySwappiness -1 and every other HostConfig field at its
        // zero), and docker-py as compose 1.29 calls it, captured from the wire.
        for (String capture : List.of("docker-cli-28-run-in-a-terminal.json", "docker-py-7.1-compose-style.json")) {
            String id = create("default", "captured", captured(capture));
            as("default").get("/containers/" + id + "/json").then().statusCode(200)
                    .body("Config.Cmd", equalTo(List.of("true"))).body("HostConfig.AutoRemove", equalTo(false));
            as("default").delete("/containers/" + id).then().statusCode(204);
        }
    }

    @Test
    void aCreateBerthWouldPartlyIgnoreIsRefusedAndLeavesNothingBehind() {
        int workerCreates = StandInParts.WORKER_CREATES.get();
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"Links\":[\"db:db\"]}}", "Berth does not support HostConfig.Links yet");
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"container:web\",\"PortBindings\":{\"80/tcp\":[{}]}}}",
                "conflicting options: port publishing and the container type network mode");
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":0}}}",
                "Berth does not support HostConfig.RestartPolicy.Name \"always\" yet");
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":67108864}}", "Berth does not support HostConfig.Memory yet");
        // dockerd 20.10's words for a stop signal Linux does not have.
        refused("{\"Image\":\"busybox\",\"StopSignal\":\"FOO\"}", "Invalid signal: FOO");
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"ConsoleSize\":[24]}}",
                "HostConfig.ConsoleSize must be [height, width] of two numbers that are not negative");
        // image-service resolves users against the image's files; the stand-in knows no names.
        refused("{\"Image\":\"busybox\",\"User\":\"nobody\"}",
                "unable to find user nobody: no matching entries in passwd file");
        refused("{\"Image\":\"runs-as-nobody\"}", "unable to find user nobody: no matching entries in passwd file");
        refused("{\"Image\":\"busybox\",\"Cmd\":5}", "json: cannot unmarshal number into Config.Cmd of type string");
        refused("{\"Image\":\"busybox\",\"Tty\":\"x\"}", "json: cannot unmarshal string into Config.Tty of type bool");
        refused("", "config cannot be empty in order to create a container");

        assertThat(StandInParts.WORKER_CREATES.get()).isEqualTo(workerCreates);
        as("default").queryParam("all", "1").get("/containers/json").then().body("Names.flatten()", not(hasItem("/refused")));
    }

    private static void refused(String body, String message) {
        as("default").queryParam("name", "refused").body(body).post("/containers/create").then().statusCode(400)
                .contentType("application/json").body("message", equalTo(message));
        as("default").get("/containers/refused/json").then().statusCode(404);
    }

    @Test
    void theUserImageServiceResolvedIsTheProcesssUser() {
        String given = create("default", "uid-given", "{\"Image\":\"busybox\",\"User\":\"1000:100\"}");
        String fromImage = create("default", "uid-of-image", "{\"Image\":\"runs-as-1000\"}");
        String overridden = create("default", "uid-overridden", "{\"Image\":\"runs-as-1000\",\"User\":\"7\"}");

        assertThat(StandInParts.spec(given).getJsonObject("process").getJsonObject("user").getMap())
                .containsEntry("uid", 1000).containsEntry("gid", 100);
        assertThat(StandInParts.spec(fromImage).getJsonObject("process").getJsonObject("user").getMap())
                .containsEntry("uid", 1000).containsEntry("gid", 100);
        assertThat(StandInParts.spec(overridden).getJsonObject("process").getJsonObject("user").getMap())
                .containsEntry("uid", 7).containsEntry("gid", 0);
        as("default").get("/containers/uid-given/json").then().body("Config.User", equalTo("1000:100"));
        for (String id : List.of(given, fromImage, overridden)) {
            as("default").delete("/containers/" + id).then().statusCode(204);
        }
    }

    private static String captured(String name) throws java.io.IOException {
        try (InputStream in = ContainerLifecycleIT.class.getResourceAsStream("/create-bodies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCreateBodyOverTheLimitIs413InDockersShape() {
        // A label of over 1 MiB made an event Kafka refused for good; Berth takes create bodies of up to 512 KiB.
        String label = "x".repeat(600 * 1024);
        as("default").queryParam("name", "huge").body("{\"Image\":\"busybox\",\"Labels\":{\"big\":\"" + label + "\"}}")
                .post("/containers/create").then().statusCode(413).contentType("application/json")
                .body("message", equalTo("request body too large: Berth takes at most 512 KiB here"));
        as("default").get("/containers/huge/json").then().statusCode(404);
    }

    @Test
    void anotherTenantsContainerReadsAsMissing() {
        String id = create("default", "mine", "{\"Image\":\"busybox\"}");

        as("other").get("/containers/" + id + "/json").then().statusCode(404).body("message", equalTo("No such container: " + id));
        as("other").get("/containers/mine/json").then().statusCode(404);
        as("other").queryParam("all", "1").get("/containers/json").then().body("Id", not(hasItem(id)));
        as("other").delete("/containers/" + id).then().statusCode(404);
        create("other", "mine", "{\"Image\":\"busybox\"}");
        as("default").delete("/containers/" + id).then().statusCode(204);
        as("other").delete("/containers/mine").then().statusCode(204);
    }

    private static byte[] logs(String ref, String query) {
        return as("default").get("/containers/" + ref + "/logs?" + query).then().statusCode(200)
                .header("Content-Type", "application/vnd.docker.multiplexed-stream").extract().asByteArray();
    }

    private static byte[] frames(Object... streamsAndTexts) {
        Buffer all = Buffer.buffer();
        for (int i = 0; i < streamsAndTexts.length; i += 2) {
            all.appendBuffer(StandInParts.frame((Integer) streamsAndTexts[i], (String) streamsAndTexts[i + 1]));
        }
        return all.getBytes();
    }

    @Test
    void logsTurnTheWorkersRecordsIntoDockerFramesWithDockersRules() {
        create("default", "talker", "{\"Image\":\"busybox\"}");

        assertThat(logs("talker", "stdout=1")).isEqualTo(frames(1, "hello\n", 1, "world\n"));
        assertThat(logs("talker", "stdout=1&stderr=1")).isEqualTo(frames(1, "hello\n", 2, "oops\n", 1, "world\n"));
        assertThat(logs("talker", "stderr=1")).isEqualTo(frames(2, "oops\n"));
        // tail counts the messages of both streams; a split line is one message stamped with its first part's time.
        assertThat(logs("talker", "stdout=1&stderr=1&tail=2")).isEqualTo(frames(2, "oops\n", 1, "world\n"));
        assertThat(logs("talker", "stdout=1&timestamps=1&tail=1"))
                .isEqualTo(frames(1, "2026-11-22T23:02:42.000000001Z world\n"));
        long second41 = java.time.Instant.parse("2026-11-22T23:02:41Z").getEpochSecond();
        assertThat(logs("talker", "stdout=1&stderr=1&since=" + second41)).isEqualTo(frames(2, "oops\n", 1, "world\n"));
        assertThat(logs("talker", "stdout=1&stderr=1&until=" + second41 + ".5")).isEqualTo(frames(1, "hello\n", 2, "oops\n"));
        // A container that does not run has nothing more to come: follow ends with the log, and the worker is not
        // asked to follow a run.
        assertThat(logs("talker", "stdout=1&follow=1")).isEqualTo(frames(1, "hello\n", 1, "world\n"));
        String id = as("default").get("/containers/talker/json").then().extract().path("Id");
        assertThat(StandInParts.LOG_QUERIES.get(id)).isEqualTo("from=start");

        as("default").get("/containers/talker/logs?stdout=1&tail=many").then().statusCode(400)
                .body("message", equalTo("invalid tail value: many"));
        as("default").delete("/containers/talker").then().statusCode(204);
    }

    @Test
    void followedLogsOfARunningContainerSendTheTailThenWhatItsRunWritesUntilTheRunIsOver() {
        String id = create("default", "chatty", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        assertThat(logs("chatty", "stdout=1&stderr=1&follow=1&tail=1"))
                .isEqualTo(frames(1, "world\n", 1, "out\n", 2, "err\n"));
        assertThat(StandInParts.LOG_QUERIES.get(id)).isEqualTo("from=start&run=1");
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void followedLogsStopAtUntilAndHangUpOnTheWorker() throws InterruptedException {
        String id = create("default", "quiet", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"quiet-forever\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);
        long started = System.nanoTime();

        byte[] body = logs("quiet", "stdout=1&follow=1&until=" + (java.time.Instant.now().getEpochSecond() + 1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(body).isEqualTo(frames(1, "hello\n", 1, "world\n"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (StandInParts.FOLLOWERS.contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(StandInParts.FOLLOWERS).as("the worker's stream was hung up on").doesNotContain(id);
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void theWorkerClientReadsRunFactsAndTheNodeListingOfTheWorkersContract() {
        String id = create("default", "facts", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        WorkerRunStatus running = worker.status(TenantId.of("default"), id).await().atMost(Duration.ofSeconds(5));
        assertThat(running.run()).isEqualTo(1);
        assertThat(running.state()).isEqualTo(WorkerRunStatus.RUNNING);
        List<WorkerNodeContainer> node = worker.containers().await().atMost(Duration.ofSeconds(5));
        assertThat(node).filteredOn(container -> container.id().equals(id)).singleElement().satisfies(container -> {
            assertThat(container.tenant()).isEqualTo("default");
            assertThat(container.status().state()).isEqualTo(WorkerRunStatus.RUNNING);
        });

        as("default").post("/containers/" + id + "/kill").then().statusCode(204);
        WorkerRunStatus exited = worker.status(TenantId.of("default"), id).await().atMost(Duration.ofSeconds(5));
        assertThat(exited.state()).isEqualTo(WorkerRunStatus.EXITED);
        assertThat(exited.exitCode()).isEqualTo(137);
        // The row learns the exit from Kafka, a moment later.
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void attachWithoutUpgradeToARunningContainerIsAChunkedStreamOfItsCurrentRun() {
        String id = create("default", "listened", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        as("default").post("/containers/" + id + "/start").then().statusCode(204);

        byte[] body = as("default").post("/containers/" + id + "/attach?stream=1&stdout=1").then().statusCode(200)
                .header("Content-Type", "application/vnd.docker.multiplexed-stream").extract().asByteArray();

        assertThat(body).isEqualTo(frames(1, "out\n"));
        assertThat(StandInParts.LOG_QUERIES.get(id)).isEqualTo("from=end&run=1");
        as("default").queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }

    @Test
    void attachUpgradesToARawStreamOfFramesThatOutlivesTheClientsHalfClose() throws Exception {
        String id = create("default", "attached", "{\"Image\":\"busybox\"}");

        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /containers/attached/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                    + "Host: localhost\r\nX-Berth-Tenant: default\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            // Once it has the 101, the docker CLI closes its writing side when it has no stdin; output must still come.
            socket.shutdownOutput();
            head.write(readUntilClosed(in));
            byte[] all = head.toByteArray();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;

            assertThat(text).startsWith("HTTP/1.1 101 ");
            assertThat(text.substring(0, bodyStart).toLowerCase()).contains("upgrade: tcp")
                    .contains("content-type: application/vnd.docker.multiplexed-stream");
            assertThat(java.util.Arrays.copyOfRange(all, bodyStart, all.length)).isEqualTo(frames(1, "out\n", 2, "err\n"));
        }
        // A container that is not running: attach waits for its next run, from the end of its log.
        assertThat(StandInParts.LOG_QUERIES.get(id)).isEqualTo("from=end&run=1");
        as("default").delete("/containers/attached").then().statusCode(204);
    }

    /** Everything the server sent until it closed the stream, or until the socket timed out. */
    private static byte[] readUntilClosed(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) >= 0;) {
                received.write(chunk, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("stream did not end; received: " + received.toString(StandardCharsets.ISO_8859_1), e);
        }
        return received.toByteArray();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The container events of one container, read from the real topic. */
    static final class TopicProbeFor {
        static List<CloudEvent> container(String id, int count) {
            List<CloudEvent> all = io.berth.testkit.TopicProbe.awaitEvents(KafkaResource.bootstrapServers(), Topics.CONTAINERS,
                    events -> events.stream().filter(e -> id.equals(e.subject())).count() >= count, Duration.ofSeconds(20));
            return all.stream().filter(e -> id.equals(e.subject())).toList();
        }
    }
}
