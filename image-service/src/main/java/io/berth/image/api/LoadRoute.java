package io.berth.image.api;

import io.berth.image.service.ImageLoad;
import io.berth.kit.api.BodyInputStream;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * {@code POST /images/load} ({@code docker load}): a plain Vert.x route, because the archive is read as it arrives, on
 * a worker thread, and never held in memory. The answer is Docker's JSON stream: with {@code quiet=0} a finished
 * {@code Loading layer} line per layer (moby's id, the diff id's first 12 hex digits, and total, the layer file's size
 * in the archive), then {@code Loaded image: <ref>} per tag ({@code Loaded image ID: <id>} for an
 * untagged image). {@code quiet} defaults to true, as in dockerd (the CLI sends it when its output is not a terminal).
 * A bad archive is refused before anything is answered, with Docker's status and error shape.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageLoad">ImageLoad</a>
 */
@ApplicationScoped
public class LoadRoute {
    private static final int ORDER = -100;

    private final ImageLoad load;
    private final Vertx vertx;

    LoadRoute(ImageLoad load, Vertx vertx) {
        this.load = load;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/images/load").order(ORDER).handler(this::load);
    }

    void load(RoutingContext context) {
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        TenantId tenant = TenantGuard.of(context);
        String quietParam = context.request().getParam("quiet");
        boolean quiet = quietParam == null || quietParam.isEmpty() || QueryFlags.isTrue(quietParam);
        BodyInputStream body = new BodyInputStream(context.request(), Context.class.cast(io.vertx.core.Vertx.currentContext()));
        HttpServerResponse response = context.response();
        vertx.executeBlocking(Uni.createFrom().item(() -> load.prepare(body)))
                .flatMap(prepared -> load.record(tenant, prepared).map(lines -> new Outcome(prepared, lines)))
                .subscribe().with(outcome -> {
                    response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                    if (!quiet) {
                        outcome.prepared().forEach(image -> image.image().layers().forEach(layer ->
                                response.write(Progress.finished("Loading layer", layer.diffId().hex().substring(0, 12),
                                        layer.blobSize()).encode() + "\r\n")));
                    }
                    outcome.lines().forEach(line -> response.write(new JsonObject().put("stream", line + "\n").encode() + "\r\n"));
                    response.end();
                }, failure -> {
                    context.request().resume();
                    ErrorAnswers.send(response, failure);
                });
    }

    private record Outcome(List<ImageLoad.Prepared> prepared, List<String> lines) {
    }
}
