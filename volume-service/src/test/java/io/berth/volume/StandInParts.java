package io.berth.volume;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the runtime worker's volume calls and container-service's inspect, so volume-service's own logic can
 * be driven against real PostgreSQL and Kafka. The stand-in node keeps its volumes in memory (tenant/name → options
 * and size) and says where their data is as the real worker does; the stand-in container-service knows the containers
 * a test puts in {@link #CONTAINERS}.
 */
public class StandInParts implements QuarkusTestResourceLifecycleManager {
    /** The node's volume directories, by {@code tenant/name}, with the options they were made with. */
    public static final Map<String, JsonObject> NODE_VOLUMES = new ConcurrentHashMap<>();
    /** Sizes the node reports, by {@code tenant/name} (0 when not set). */
    public static final Map<String, Long> SIZES = new ConcurrentHashMap<>();
    /** Every call the node got, as {@code METHOD path}. */
    public static final List<String> NODE_CALLS = new CopyOnWriteArrayList<>();
    /** Volumes whose delete the node fails, by {@code tenant/name}. */
    public static final Set<String> FAILING_DELETES = ConcurrentHashMap.newKeySet();
    /** The containers container-service knows; any other is a 404. */
    public static final Set<String> CONTAINERS = ConcurrentHashMap.newKeySet();
    /** Whether container-service answers at all (false: 503 for every question). */
    public static volatile boolean containerServiceUp = true;

    private Vertx vertx;

    public static String mountpoint(String tenant, String name) {
        return "/var/lib/berth/volumes/" + tenant + "/" + name + "/_data";
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.put("/volumes/:name").handler(rc -> {
            String key = rc.request().getHeader("X-Berth-Tenant") + "/" + rc.pathParam("name");
            NODE_CALLS.add("PUT /volumes/" + key);
            JsonObject body = rc.body().asJsonObject();
            JsonObject options = body == null || body.getJsonObject("options") == null ? new JsonObject() : body.getJsonObject("options");
            NODE_VOLUMES.put(key, options);
            rc.json(new JsonObject().put("mountpoint", mountpoint(rc.request().getHeader("X-Berth-Tenant"), rc.pathParam("name"))));
        });
        router.delete("/volumes/:name").handler(rc -> {
            String key = rc.request().getHeader("X-Berth-Tenant") + "/" + rc.pathParam("name");
            NODE_CALLS.add("DELETE /volumes/" + key);
            if (FAILING_DELETES.contains(key)) {
                rc.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "cannot delete " + key).encode());
                return;
            }
            NODE_VOLUMES.remove(key);
            rc.response().setStatusCode(204).end();
        });
        router.get("/node/volumes").handler(rc -> {
            boolean sized = "true".equals(rc.request().getParam("size")) || "1".equals(rc.request().getParam("size"));
            JsonArray all = new JsonArray();
            NODE_VOLUMES.keySet().forEach(key -> {
                String[] parts = key.split("/", 2);
                all.add(new JsonObject().put("tenant", parts[0]).put("name", parts[1])
                        .put("mountpoint", mountpoint(parts[0], parts[1])).put("size", sized ? SIZES.getOrDefault(key, 0L) : -1));
            });
            rc.response().putHeader("Content-Type", "application/json").end(all.encode());
        });
        router.get("/containers/:id/json").handler(rc -> {
            if (!containerServiceUp) {
                rc.response().setStatusCode(503).end();
            } else if (CONTAINERS.contains(rc.pathParam("id"))) {
                rc.json(new JsonObject().put("Id", rc.pathParam("id")));
            } else {
                rc.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "No such container: " + rc.pathParam("id")).encode());
            }
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        String url = "http://127.0.0.1:" + port;
        return Map.of("quarkus.rest-client.worker.url", url, "quarkus.rest-client.container-service.url", url);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
