package io.berth.gateway.registry;

import io.berth.gateway.edge.EdgeTimeouts;
import io.berth.gateway.path.CanonicalPath;
import io.berth.gateway.proxy.Backends;
import io.berth.gateway.proxy.Proxy;
import io.berth.kit.api.ApiVersion;
import io.berth.kit.errors.ErrorAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registry port's one handler: puts the connection under the edge's clocks, takes the canonical path, lets only
 * {@code /v2} through, decides who calls ({@link RegistryAccess}), drops their credentials and forwards to
 * image-service's registry with the tenant, as the Docker API port does for {@code /images}. What the gateway itself
 * answers here is in the registry's error shape, with {@code Docker-Distribution-API-Version}.
 */
@ApplicationScoped
class RegistryEdge {
    static final String API_VERSION = "Docker-Distribution-API-Version";

    private final EdgeTimeouts timeouts;
    private final RegistryAccess access;
    private final Backends backends;
    private final Proxy proxy;

    RegistryEdge(EdgeTimeouts timeouts, RegistryAccess access, Backends backends, Proxy proxy) {
        this.timeouts = timeouts;
        this.access = access;
        this.backends = backends;
        this.proxy = proxy;
    }

    void handle(HttpServerRequest request) {
        timeouts.watch(request);
        HttpServerResponse response = request.response();
        response.putHeader(API_VERSION, "registry/2.0");
        try {
            String path = CanonicalPath.of(request.path()).path();
            if (!path.equals("/v2") && !path.startsWith("/v2/")) {
                request.resume();
                error(response, 404, "NAME_UNKNOWN", "no such registry endpoint: Berth's registry serves /v2/ only");
                return;
            }
            switch (access.decide(request, RegistryScope.of(request.method(), path))) {
                case RegistryAccess.Allowed allowed -> {
                    request.headers().remove(HttpHeaders.AUTHORIZATION);
                    proxy.forward(request, backends.registry(), path, allowed.tenant(), ApiVersion.DEFAULT);
                }
                case RegistryAccess.Challenged challenged -> {
                    request.resume();
                    response.putHeader("WWW-Authenticate", challenged.challenge().value());
                    error(response, 401, "UNAUTHORIZED", challenged.message());
                }
            }
        } catch (RuntimeException e) {
            request.resume();
            ErrorAnswers.Answer answer = ErrorAnswers.of(e);
            error(response, answer.status(), answer.status() == 404 ? "NAME_UNKNOWN" : "UNSUPPORTED", answer.message());
        }
    }

    private static void error(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray()
                        .add(new JsonObject().put("code", code).put("message", message))).encode());
    }
}
