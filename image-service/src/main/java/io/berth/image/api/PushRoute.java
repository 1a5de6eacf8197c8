package io.berth.image.api;

import io.berth.image.pull.RegistryCredentials;
import io.berth.image.service.ImagePush;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /images/{name}/push?tag=} ({@code docker push}): Docker's progress stream as the push goes. An image the
 * tenant does not have is dockerd's 404 before the stream; what the registry refuses is an in-band {@code errorDetail}
 * (dockerd has begun its stream by then). {@code X-Registry-Auth} carries the credentials.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImagePush">ImagePush</a>
 */
@ApplicationScoped
public class PushRoute {
    private static final int ORDER = -100;

    private final ImagePush push;

    PushRoute(ImagePush push) {
        this.push = push;
    }

    void register(@Observes Router router) {
        router.postWithRegex("/images/(?<name>.+)/push").order(ORDER).handler(this::push);
    }

    void push(RoutingContext context) {
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerResponse response = context.response();
        TenantId tenant;
        try {
            tenant = TenantGuard.of(context);
        } catch (RuntimeException e) {
            ErrorAnswers.send(response, e);
            return;
        }
        RegistryCredentials credentials = RegistryCredentials.fromHeader(context.request().getHeader("X-Registry-Auth"));
        push.plan(tenant, context.pathParam("name"), context.request().getParam("tag")).subscribe().with(items -> {
            response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            ProgressStream stream = new ProgressStream(response, Vertx.currentContext());
            push.run(tenant, items, credentials, stream).subscribe().with(done -> stream.end(null), stream::end);
        }, failure -> ErrorAnswers.send(response, failure));
    }
}
