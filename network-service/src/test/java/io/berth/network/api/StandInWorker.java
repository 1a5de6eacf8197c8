package io.berth.network.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A stand-in for the node's runtime worker: answers the node's routes with {@link #ROUTES}, which a test may change. */
public class StandInWorker implements QuarkusTestResourceLifecycleManager {
    /** The routes the stand-in node has; tests add some to see subnets chosen around them. */
    static final List<String> ROUTES = new CopyOnWriteArrayList<>(List.of("192.0.2.0/24"));
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/node/routes")) {
                request.response().putHeader("Content-Type", "application/json").end(new JsonArray(List.copyOf(ROUTES)).encode());
            } else {
                request.response().setStatusCode(404).end("{\"message\":\"page not found\"}");
            }
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stand-in worker did not start", e);
        }
        return Map.of("quarkus.rest-client.worker.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
