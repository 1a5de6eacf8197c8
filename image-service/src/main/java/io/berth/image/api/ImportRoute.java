package io.berth.image.api;

import io.berth.image.service.ImageImport;
import io.berth.kit.api.BodyInputStream;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /images/create?fromSrc=-} ({@code docker import}): the body is a root file system tar, read as it
 * arrives on a worker thread. It shares {@code /images/create} with the pull ({@link PullRoute}), so it runs first and
 * passes a request without {@code fromSrc} on. The answer is dockerd's one status line with the new image's id; a bad
 * request or archive is refused before anything is answered, and leaves nothing behind.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageCreate">ImageCreate</a>
 */
@ApplicationScoped
public class ImportRoute {
    private static final int ORDER = -101;

    private final ImageImport imports;
    private final Vertx vertx;

    ImportRoute(ImageImport imports, Vertx vertx) {
        this.imports = imports;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/images/create").order(ORDER).handler(this::create);
    }

    void create(RoutingContext context) {
        HttpServerRequest request = context.request();
        String fromSrc = request.getParam("fromSrc");
        if (fromSrc == null || fromSrc.isEmpty()) {
            context.next();
            return;
        }
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerResponse response = context.response();
        TenantId tenant;
        ImageImport.Request wanted;
        try {
            tenant = TenantGuard.of(context);
            wanted = ImageImport.Request.of(fromSrc, request.getParam("repo"), request.getParam("tag"),
                    request.getParam("message"), request.params().getAll("changes"), request.getParam("platform"));
        } catch (RuntimeException e) {
            ErrorAnswers.send(response, e);
            return;
        }
        BodyInputStream body = new BodyInputStream(request, Context.class.cast(io.vertx.core.Vertx.currentContext()));
        vertx.executeBlocking(Uni.createFrom().item(() -> imports.prepare(body, wanted)))
                .flatMap(image -> imports.record(tenant, image, wanted))
                .subscribe().with(id -> response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("status", id).encode() + "\r\n"), failure -> {
                    request.resume();
                    ErrorAnswers.send(response, failure);
                });
    }
}
