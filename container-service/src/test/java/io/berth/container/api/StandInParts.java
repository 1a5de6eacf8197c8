package io.berth.container.api;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.berth.events.Topics;
import io.berth.events.node.ContainerExited;
import io.berth.testkit.KafkaResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stand-ins for image-service, volume-service ({@link StandInVolumes}) and the runtime worker, so container-service's own logic can be driven against real
 * PostgreSQL and Kafka. The stand-in worker reports exits on the real {@code berth.nodes} topic, as the real one
 * does: {@code sh -c 'exit N'} exits with N on start, anything else runs until killed (128 + signal). Its log holds
 * {@link #LOG}; a stream following a run gets {@link #RUN_OUTPUT} after it, as the worker's log records.
 */
public class StandInParts implements QuarkusTestResourceLifecycleManager {
    static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    /** How many creates the stand-in worker was asked for, so a test can tell that a refused one never reached it. */
    static final AtomicInteger WORKER_CREATES = new AtomicInteger();
    /** The stand-in image-service's images by reference, with their run defaults as the resolve call answers them. */
    private static final Map<String, JsonObject> IMAGES = Map.of(
            "busybox", runDefaults(""),
            "runs-as-nobody", runDefaults("nobody"),
            "runs-as-1000", runDefaults("1000:100"),
            "with-volume", runDefaults("").put("volumes", new JsonArray().add("/var/lib/data")),
            "exposes-80-and-53", runDefaults("").put("exposedPorts", new JsonArray().add("80/tcp").add("53/udp")),
            "stops-with-quit", runDefaults("").put("stopSignal", "SIGQUIT"),
            "with-defaults", runDefaults("").put("env", new JsonArray().add("PATH=/bin").add("LANG=C.UTF-8"))
                    .put("entrypoint", new JsonArray().add("docker-entrypoint.sh")).put("cmd", new JsonArray().add("serve"))
                    .put("workingDir", "/data").put("labels", new JsonObject().put("a", "b")));
    private static final Map<String, JsonObject> SPECS = new ConcurrentHashMap<>();
    private static final Map<String, String> TENANTS = new ConcurrentHashMap<>();
    private static final Map<String, Long> RUNS = new ConcurrentHashMap<>();
    /** Containers whose run is live, as the real worker's run status would say. */
    static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();
    /** Each container's last ps arguments, as container-service passed them. */
    static final Map<String, String> TOP_ARGS = new ConcurrentHashMap<>();
    /** The one container the stand-in worker reports a change of. */
    static final java.util.concurrent.atomic.AtomicReference<String> CHANGED = new java.util.concurrent.atomic.AtomicReference<>();
    private static final Map<String, Long> READINGS = new ConcurrentHashMap<>();
    /** The stand-in's export of any container: bytes a tar stands for. */
    static final byte[] EXPORTED = "a root filesystem as tar".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** Containers the stand-in worker froze; a signal to one waits until it is thawed. */
    static final Set<String> PAUSED = ConcurrentHashMap.newKeySet();
    private static final Map<String, Integer> PENDING_SIGNALS = new ConcurrentHashMap<>();
    /** The signals each container was sent, in order. */
    static final Map<String, List<Integer>> KILLS = new ConcurrentHashMap<>();
    /** Containers whose delete the stand-in worker fails, as an unreachable worker would. */
    static final Set<String> FAILING_DELETES = ConcurrentHashMap.newKeySet();
    /** How many runs each container was started for. */
    static final Map<String, Integer> STARTS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> EXITS = new ConcurrentHashMap<>();
    /** Containers whose log a caller follows now, while their run stays quiet. */
    static final Set<String> FOLLOWERS = ConcurrentHashMap.newKeySet();
    /** Each container's last log query, as container-service asked the worker. */
    static final Map<String, String> LOG_QUERIES = new ConcurrentHashMap<>();
    /** What each container's stdin stream received, its query, and how it ended: "end" (half-close) or "closed". */
    static final Map<String, java.io.ByteArrayOutputStream> STDIN = new ConcurrentHashMap<>();
    static final Map<String, String> STDIN_QUERIES = new ConcurrentHashMap<>();
    static final Map<String, String> STDIN_ENDS = new ConcurrentHashMap<>();
    /** Each container's last resize query. */
    static final Map<String, String> RESIZES = new ConcurrentHashMap<>();
    /** The body of each worker create, as container-service sent it. */
    static final Map<String, JsonObject> CREATES = new ConcurrentHashMap<>();
    /** What a terminal's followed run shows first: its prompt, a line it has not ended. */
    static final String PROMPT = "2026-11-22T23:02:50.000000001+00:00 stdout P / # \n";

    /** What every container's log holds: conmon's k8s-file records, a line split in two among them. */
    static final String LOG = """
            2026-11-22T23:02:40.000000001+00:00 stdout F hello
            2026-11-22T23:02:41.000000001+00:00 stderr F oops
            2026-11-22T23:02:42.000000001+00:00 stdout P wor
            2026-11-22T23:02:42.500000000+00:00 stdout F ld
            """;
    /** What a followed run writes after the call. */
    static final String RUN_OUTPUT = """
            2026-11-22T23:02:50.000000001+00:00 stdout F out
            2026-11-22T23:02:50.000000002+00:00 stderr F err
            """;

    /** The stand-in worker's exec sessions: the start's body, and its exit code once over (absent while it runs). */
    static final Map<String, JsonObject> EXECS = new ConcurrentHashMap<>();
    static final Map<String, Integer> EXEC_EXITS = new ConcurrentHashMap<>();
    /** What each exec's stdin stream received, and each exec's last resize query. */
    static final Map<String, java.io.ByteArrayOutputStream> EXEC_STDIN = new ConcurrentHashMap<>();
    static final Map<String, String> EXEC_RESIZES = new ConcurrentHashMap<>();

    private static KafkaProducer<String, byte[]> producer;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        // Ahead of the body handler: a stdin body streams for as long as the client types.
        router.post("/containers/:id/stdin").handler(rc -> {
            String id = rc.pathParam("id");
            STDIN_QUERIES.put(id, rc.request().query() == null ? "" : rc.request().query());
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            STDIN.put(id, received);
            STDIN_ENDS.remove(id);
            rc.request().handler(chunk -> {
                synchronized (received) {
                    received.writeBytes(chunk.getBytes());
                }
            });
            rc.request().endHandler(end -> {
                STDIN_ENDS.putIfAbsent(id, "end");
                rc.response().setStatusCode(204).end();
            });
            rc.request().connection().closeHandler(closed -> STDIN_ENDS.putIfAbsent(id, "closed"));
        });
        router.post("/containers/:id/execs/:exec/stdin").handler(rc -> {
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            EXEC_STDIN.put(rc.pathParam("exec"), received);
            rc.request().handler(chunk -> {
                synchronized (received) {
                    received.writeBytes(chunk.getBytes());
                }
            });
            rc.request().endHandler(end -> rc.response().setStatusCode(204).end());
        });
        router.post("/containers/:id/resize").handler(rc -> {
            RESIZES.put(rc.pathParam("id"), rc.request().query());
            rc.response().setStatusCode(RUNNING.contains(rc.pathParam("id")) ? 204 : 409).end();
        });
        router.route().handler(BodyHandler.create());
        router.get("/internal/images/resolve").handler(rc -> {
            String reference = rc.request().getParam("reference");
            JsonObject config = IMAGES.get(reference);
            if (rc.request().getHeader("X-Berth-Tenant") == null) {
                rc.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "internal call without a tenant").encode());
                return;
            }
            if (config == null) {
                rc.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "No such image: " + reference).encode());
                return;
            }
            // image-service resolves the process user against the image's files; the stand-in knows numbers only.
            String user = rc.request().getParam("user");
            user = user == null || user.isEmpty() ? config.getString("user", "") : user;
            java.util.regex.Matcher numeric = java.util.regex.Pattern.compile("(\\d+)(?::(\\d+))?").matcher(user);
            if (!user.isEmpty() && !numeric.matches()) {
                rc.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("message", "unable to find user " + user + ": no matching entries in passwd file").encode());
                return;
            }
            JsonObject processUser = user.isEmpty() ? new JsonObject().put("uid", 0).put("gid", 0) : new JsonObject()
                    .put("uid", Integer.parseInt(numeric.group(1)))
                    .put("gid", numeric.group(2) == null ? 0 : Integer.parseInt(numeric.group(2)));
            rc.json(new JsonObject().put("id", "sha256:" + "c".repeat(64)).put("repository", reference)
                    .put("manifestDigest", "sha256:" + "d".repeat(64)).put("config", config)
                    .put("processUser", processUser));
        });
        router.put("/containers/:id").handler(rc -> {
            String id = rc.pathParam("id");
            WORKER_CREATES.incrementAndGet();
            if (rc.body().asString().contains("worker-refuses")) {
                rc.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "invalid mount config for type \"bind\": refused").encode());
                return;
            }
            SPECS.put(id, rc.body().asJsonObject().getJsonObject("spec"));
            CREATES.put(id, rc.body().asJsonObject());
            StandInVolumes.MOUNT_SOURCES.put(id, rc.body().asJsonObject().getJsonObject("mounts", new JsonObject()));
            TENANTS.put(id, rc.request().getHeader("X-Berth-Tenant"));
            LIVE.add(id);
            rc.response().setStatusCode(201).end();
        });
        router.post("/containers/:id/start").handler(rc -> {
            String id = rc.pathParam("id");
            if (rc.body() != null && rc.body().length() > 0) {
                START_PLANS.put(id, rc.body().asJsonObject());
            }
            if (!RUNNING.add(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "container " + id + " is already running").encode());
                return;
            }
            // container-service numbers the runs; like the real worker, the stand-in only refuses a used number.
            long run = Long.parseLong(rc.request().getParam("run", "0"));
            long last = RUNS.getOrDefault(id, 0L);
            if (run <= last) {
                rc.response().setStatusCode(run <= 0 ? 400 : 409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "container " + id + " already had run " + last).encode());
                RUNNING.remove(id);
                return;
            }
            STARTS.merge(id, 1, Integer::sum);
            RUNS.put(id, run);
            EXITS.remove(id);
            JsonArray args = SPECS.get(id).getJsonObject("process").getJsonArray("args");
            String script = args.size() == 3 ? args.getString(2) : "";
            if (script.startsWith("exit ")) {
                int code = Integer.parseInt(script.substring(5).trim());
                vertx.setTimer(50, t -> reportExit(id, run, code));
            }
            rc.json(new JsonObject().put("run", run).put("pid", 4242).put("state", "running").putNull("exitCode")
                    .put("oomKilled", false).put("startedAt", Instant.now().toString()).putNull("finishedAt"));
        });
        router.post("/containers/:id/kill").handler(rc -> {
            String id = rc.pathParam("id");
            boolean kill = "9".equals(rc.request().getParam("signal"));
            KILLS.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(Integer.parseInt(rc.request().getParam("signal")));
            // Like sh as PID 1, a container that ignores SIGTERM goes only on SIGKILL.
            boolean ignoresTerm = SPECS.get(id).getJsonObject("process").getJsonArray("args").encode().contains("ignore-term");
            if (!kill && ignoresTerm) {
                rc.response().setStatusCode(204).end();
                return;
            }
            if (!RUNNING.contains(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "container " + id + " is not running").encode());
                return;
            }
            int signal = Integer.parseInt(rc.request().getParam("signal"));
            if (PAUSED.contains(id)) {
                PENDING_SIGNALS.put(id, signal);
                rc.response().setStatusCode(204).end();
                return;
            }
            reportExit(id, RUNS.getOrDefault(id, 0L), 128 + signal);
            rc.response().setStatusCode(204).end();
        });
        // Looking inside: ps's answer for the live run, the change, a reading whose CPU counter grows, the root's tar.
        router.get("/containers/:id/top").handler(rc -> {
            String id = rc.pathParam("id");
            if (!RUNNING.contains(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "Container " + id + " is not running").encode());
                return;
            }
            TOP_ARGS.put(id, rc.request().getParam("ps_args", ""));
            rc.json(new JsonObject().put("Titles", new JsonArray().add("PID").add("CMD"))
                    .put("Processes", new JsonArray().add(new JsonArray().add("4242").add("sleep 60"))));
        });
        router.get("/containers/:id/changes").handler(rc -> rc.json(rc.pathParam("id").equals(CHANGED.get())
                ? new JsonArray().add(new JsonObject().put("Path", "/tmp").put("Kind", 0))
                        .add(new JsonObject().put("Path", "/tmp/new").put("Kind", 1))
                        .add(new JsonObject().put("Path", "/bin/true").put("Kind", 2))
                : new JsonArray()));
        router.get("/containers/:id/stats").handler(rc -> {
            String id = rc.pathParam("id");
            if (!RUNNING.contains(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "Container " + id + " is not running").encode());
                return;
            }
            long n = READINGS.merge(id, 1L, Long::sum);
            rc.json(new JsonObject().put("read", Instant.now().toString())
                    .put("pids_stats", new JsonObject().put("current", 1))
                    .put("blkio_stats", new JsonObject().put("io_service_bytes_recursive", new JsonArray()))
                    .put("cpu_stats", new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", n * 1000))
                            .put("system_cpu_usage", n * 100_000).put("online_cpus", 2))
                    .put("memory_stats", new JsonObject().put("usage", 1 << 20).put("limit", 1L << 30)));
        });
        router.get("/containers/:id/export").handler(rc -> rc.response().putHeader("Content-Type", "application/x-tar")
                .end(io.vertx.core.buffer.Buffer.buffer(EXPORTED)));
        router.post("/containers/:id/pause").handler(rc -> {
            String id = rc.pathParam("id");
            if (!RUNNING.contains(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "container " + id + " is not running").encode());
                return;
            }
            PAUSED.add(id);
            rc.response().setStatusCode(204).end();
        });
        router.post("/containers/:id/resume").handler(rc -> {
            String id = rc.pathParam("id");
            PAUSED.remove(id);
            // A signal sent while frozen is taken once thawed, as the kernel does.
            Integer pending = PENDING_SIGNALS.remove(id);
            if (pending != null && RUNNING.contains(id)) {
                reportExit(id, RUNS.getOrDefault(id, 0L), 128 + pending);
            }
            rc.response().setStatusCode(204).end();
        });
        router.get("/containers/:id").handler(rc -> rc.json(status(rc.pathParam("id"))));
        router.get("/node/containers").handler(rc -> {
            JsonArray all = new JsonArray();
            LIVE.forEach(id -> all.add(new JsonObject().put("id", id).put("tenant", TENANTS.get(id)).put("name", id)
                    .put("status", status(id))));
            rc.json(all);
        });
        router.delete("/containers/:id").handler(rc -> {
            String id = rc.pathParam("id");
            if (FAILING_DELETES.contains(id)) {
                rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "the stand-in worker is down").encode());
                return;
            }
            if (RUNNING.contains(id)) {
                reportExit(id, RUNS.getOrDefault(id, 0L), 137);
            }
            LIVE.remove(id);
            // A real delete takes a while; concurrent ones then travel on several pooled connections, whose answers
            // arrive on other event loops than the callers'.
            vertx.setTimer(30, t -> rc.response().setStatusCode(204).end());
        });
        router.get("/containers/:id/log").handler(rc -> {
            String id = rc.pathParam("id");
            LOG_QUERIES.put(id, rc.request().query() == null ? "" : rc.request().query());
            boolean fromEnd = "end".equals(rc.request().getParam("from"));
            boolean following = rc.request().getParam("run") != null;
            String past = fromEnd ? "" : LOG;
            rc.response().setChunked(true).putHeader("Content-Type", "application/octet-stream")
                    .putHeader("X-Berth-Log-Past", Integer.toString(past.length()));
            rc.response().write(Buffer.buffer(past));
            if (!following) {
                rc.response().end();
                return;
            }
            if (SPECS.get(id).getJsonObject("process").getJsonArray("args").encode().contains("quiet-forever")) {
                // A run that writes nothing more and never ends: the stream lasts until the caller hangs up.
                FOLLOWERS.add(id);
                rc.request().connection().closeHandler(closed -> FOLLOWERS.remove(id));
                if (SPECS.get(id).getJsonObject("process").getBoolean("terminal", false)) {
                    rc.response().write(Buffer.buffer(PROMPT));
                }
                return;
            }
            // What the followed run writes next, then its end.
            vertx.setTimer(100, t -> rc.response().end(Buffer.buffer(RUN_OUTPUT)));
        });
        standInExecs(router);
        StandInVolumes.register(router);
        standInNetworkService(router);
        router.put("/containers/:id/networks/:network").handler(rc -> {
            WORKER_CONNECTS.add(rc.pathParam("id") + " " + rc.pathParam("network"));
            rc.response().setStatusCode(204).end();
        });
        router.delete("/containers/:id/networks/:network").handler(rc -> {
            WORKER_CONNECTS.remove(rc.pathParam("id") + " " + rc.pathParam("network"));
            rc.response().setStatusCode(204).end();
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        String url = "http://127.0.0.1:" + port;
        return Map.of("quarkus.rest-client.image-service.url", url, "quarkus.rest-client.worker.url", url,
                "quarkus.rest-client.volume-service.url", url, "quarkus.rest-client.network-service.url", url);
    }

    /** The stand-in network-service's networks: the default bridge and one user network, "app". */
    static final String BRIDGE_ID = "b".repeat(64);
    static final String APP_ID = "a".repeat(64);
    /** Each container's last lease request and start plan, as container-service sent them. */
    static final Map<String, JsonObject> LEASES = new ConcurrentHashMap<>();
    static final Map<String, JsonObject> START_PLANS = new ConcurrentHashMap<>();
    /** Containers (and runs) whose lease container-service gave back after a failed start. */
    static final Set<String> RELEASES = ConcurrentHashMap.newKeySet();
    /** Live endpoints the worker stand-in was asked to connect: "<container> <network>". */
    static final Set<String> WORKER_CONNECTS = ConcurrentHashMap.newKeySet();

    private static JsonObject network(String name) {
        boolean bridge = name.equals("bridge");
        return new JsonObject().put("id", bridge ? BRIDGE_ID : APP_ID).put("name", name).put("bridge", "br-" + (bridge ? "b" : "a").repeat(12))
                .put("subnet", bridge ? "172.17.0.0/16" : "10.9.0.0/24").put("gateway", bridge ? "172.17.0.1" : "10.9.0.1")
                .put("internal", false).put("dns", !bridge).put("mtu", 0);
    }

    private static String nameOf(String ref) {
        return ref.equals(BRIDGE_ID) || ref.equals("bridge") || ref.equals("default") ? "bridge"
                : ref.equals(APP_ID) || ref.equals("app") ? "app" : null;
    }

    /**
     * Exec sessions as the worker runs them: {@code nosuch} cannot be exec'd (126 and the runtime's words), {@code sh -c
     * "exit N"} ends with N once its output was streamed, {@code quiet-forever} runs until the test ends it.
     */
    private void standInExecs(Router router) {
        router.put("/containers/:id/execs/:exec").handler(rc -> {
            String id = rc.pathParam("id");
            String exec = rc.pathParam("exec");
            JsonObject body = rc.body().asJsonObject();
            if (!RUNNING.contains(id)) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "Container " + id + " is not running").encode());
                return;
            }
            if (EXECS.putIfAbsent(exec, body.copy().put("container", id)) != null) {
                rc.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "exec " + exec + " already exists").encode());
                return;
            }
            if ("nosuch".equals(body.getJsonArray("args").getString(0))) {
                EXEC_EXITS.put(exec, 126);
            }
            rc.json(execStatus(exec));
        });
        router.get("/containers/:id/execs/:exec").handler(rc -> {
            if (!EXECS.containsKey(rc.pathParam("exec"))) {
                rc.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "No such exec instance: " + rc.pathParam("exec")).encode());
                return;
            }
            rc.json(execStatus(rc.pathParam("exec")));
        });
        router.post("/containers/:id/execs/:exec/resize").handler(rc -> {
            String exec = rc.pathParam("exec");
            EXEC_RESIZES.put(exec, rc.request().query());
            if (EXEC_EXITS.containsKey(exec)) {
                rc.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "no such exec").encode());
                return;
            }
            rc.response().setStatusCode(204).end();
        });
        router.get("/containers/:id/execs/:exec/log").handler(rc -> {
            String exec = rc.pathParam("exec");
            rc.response().setChunked(true).putHeader("Content-Type", "application/octet-stream")
                    .putHeader("X-Berth-Log-Past", "0");
            String args = EXECS.get(exec).getJsonArray("args").encode();
            if (EXEC_EXITS.containsKey(exec)) {
                rc.response().end();
                return;
            }
            if (args.contains("quiet-forever")) {
                // ends when the test says: EXEC_EXITS gets its code
                long timer = vertx.setPeriodic(20, t -> {
                    if (EXEC_EXITS.containsKey(exec) && !rc.response().ended()) {
                        rc.response().end();
                    }
                });
                rc.response().endHandler(ended -> vertx.cancelTimer(timer));
                rc.request().connection().closeHandler(closed -> vertx.cancelTimer(timer));
                return;
            }
            java.util.regex.Matcher exit = java.util.regex.Pattern.compile("exit (\\d+)").matcher(args);
            int code = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
            vertx.setTimer(100, t -> {
                EXEC_EXITS.put(exec, code);
                rc.response().end(Buffer.buffer(RUN_OUTPUT));
            });
        });
    }

    private static JsonObject execStatus(String exec) {
        Integer code = EXEC_EXITS.get(exec);
        JsonObject status = new JsonObject().put("id", exec).put("container", EXECS.get(exec).getString("container"))
                .put("running", code == null).put("pid", code != null && code == 126 ? 0 : 4343).put("exitCode", code);
        if (code != null && code == 126) {
            status.put("error", "OCI runtime exec failed: exec failed: unable to start container process: exec: "
                    + "\"nosuch\": executable file not found in $PATH: unknown");
        }
        return status;
    }

    private static void standInNetworkService(Router router) {
        router.post("/internal/attachments/resolve").handler(rc -> {
            JsonArray answer = new JsonArray();
            for (Object each : rc.body().asJsonArray()) {
                String name = nameOf(((JsonObject) each).getString("network"));
                if (name == null) {
                    rc.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("message", "network " + ((JsonObject) each).getString("network") + " not found").encode());
                    return;
                }
                answer.add(new JsonObject().put("id", name.equals("bridge") ? BRIDGE_ID : APP_ID).put("name", name)
                        .put("driver", "bridge").put("userDefined", !name.equals("bridge")));
            }
            rc.json(answer);
        });
        router.put("/internal/containers/:id/endpoints").handler(rc -> {
            JsonObject request = rc.body().asJsonObject();
            LEASES.put(rc.pathParam("id"), request);
            JsonArray attachments = new JsonArray();
            int host = 2;
            for (Object each : request.getJsonArray("networks")) {
                String name = nameOf(((JsonObject) each).getString("network"));
                JsonObject facts = network(name);
                String ip = facts.getString("gateway").replaceFirst("1$", Integer.toString(host++));
                attachments.add(new JsonObject().put("network", facts).put("endpointId", "e".repeat(64)).put("ipv4", ip)
                        .put("prefixLength", name.equals("bridge") ? 16 : 24).put("mac", "02:42:00:00:00:0" + host)
                        .put("aliases", name.equals("bridge") ? new JsonArray()
                                : new JsonArray().add(rc.pathParam("id").substring(0, 12))));
            }
            JsonArray ports = new JsonArray();
            int ephemeral = 32768;
            for (Object each : request.getJsonArray("ports", new JsonArray())) {
                JsonObject port = (JsonObject) each;
                String hostPort = port.getString("hostPort");
                ports.add(new JsonObject().put("containerPort", port.getInteger("containerPort"))
                        .put("protocol", port.getString("protocol")).put("hostIp", port.getString("hostIp"))
                        .put("hostPort", hostPort.isEmpty() ? ephemeral++ : Integer.parseInt(hostPort.split("-")[0])));
            }
            rc.json(new JsonObject().put("attachments", attachments).put("ports", ports));
        });
        router.delete("/internal/containers/:id/endpoints").handler(rc -> {
            RELEASES.add(rc.pathParam("id") + " " + rc.request().getParam("run"));
            rc.response().setStatusCode(204).end();
        });
        router.put("/internal/containers/:id/endpoints/:network").handler(rc -> {
            JsonObject facts = network(nameOf(rc.pathParam("network")));
            rc.json(new JsonObject().put("network", facts).put("endpointId", "f".repeat(64))
                    .put("ipv4", facts.getString("gateway").replaceFirst("1$", "9")).put("prefixLength", 24)
                    .put("mac", "02:42:00:00:00:09").put("aliases", new JsonArray()));
        });
        router.delete("/internal/containers/:id/endpoints/:network").handler(rc -> rc.response().setStatusCode(204).end());
    }

    private static JsonObject runDefaults(String user) {
        return new JsonObject().put("user", user).put("env", new JsonArray().add("PATH=/bin"))
                .put("cmd", new JsonArray().add("sh")).putNull("entrypoint").put("workingDir", "")
                .put("labels", new JsonObject()).put("stopSignal", "").put("exposedPorts", new JsonArray())
                .put("volumes", new JsonArray());
    }

    /** The OCI runtime spec the stand-in worker was given for a container. */
    static JsonObject spec(String id) {
        return SPECS.get(id);
    }

    /** The worker's run facts as the stand-in knows them. */
    private static JsonObject status(String id) {
        long run = RUNS.getOrDefault(id, 0L);
        Integer code = EXITS.get(id);
        String state = run == 0 ? "created" : code == null ? "running" : "exited";
        return new JsonObject().put("run", run).put("pid", "running".equals(state) ? 4242 : 0).put("state", state)
                .put("exitCode", code).put("oomKilled", false);
    }

    /** The node's facts change with no report on Kafka: a run that began while container-service was down. */
    static void startSilently(String id, long run) {
        RUNS.put(id, run);
        EXITS.remove(id);
        RUNNING.add(id);
    }

    /** A run ends with no report on Kafka: an exit the control plane missed. */
    static void exitSilently(String id, int code) {
        RUNNING.remove(id);
        EXITS.put(id, code);
    }

    /** A bundle with no row: a create or removal a crash interrupted. */
    static String orphan(String tenant) {
        String id = Long.toHexString(System.nanoTime()).repeat(8).substring(0, 64);
        LIVE.add(id);
        TENANTS.put(id, tenant);
        return id;
    }

    /** Reports the last run's exit once more, as a worker does after a restart before it learned of the ack. */
    static void reportExitAgain(String id, int code) {
        reportExit(id, RUNS.get(id), code);
    }

    static void reportExit(String id, long run, int code) {
        RUNNING.remove(id);
        EXITS.put(id, code);
        ContainerExited exit = new ContainerExited("stand-in", id, run, code, Instant.now());
        CloudEvent event = CloudEvent.of(exit.eventId(), "/berth/stand-in-worker", EventKind.NODE, ContainerExited.ACTION,
                id, TENANTS.get(id), exit);
        producer().send(new ProducerRecord<>(Topics.NODES, id, CloudEventCodec.encode(event)));
        producer().flush();
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put("bootstrap.servers", KafkaResource.bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static Buffer frame(int stream, String text) {
        byte[] payload = text.getBytes();
        return Buffer.buffer().appendByte((byte) stream).appendBytes(new byte[3]).appendInt(payload.length).appendBytes(payload);
    }

    @Override
    public void stop() {
        synchronized (StandInParts.class) {
            if (producer != null) {
                producer.close();
                producer = null;
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }
}
