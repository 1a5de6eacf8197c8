package io.berth.container.api;

import io.berth.container.clients.WorkerStreams;
import io.berth.container.service.ContainerLookup;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code HEAD|GET|PUT /containers/{id}/archive} ({@code docker cp}, docker-py's {@code get_archive} and
 * {@code put_archive}, Testcontainers' copies): the container is looked up by the caller's name for it, and the call
 * goes on to the container's worker, the client's tar streamed there and the worker's answer streamed back, with
 * Docker's {@code X-Docker-Container-Path-Stat} header. A missing {@code path} is refused here, in dockerd's words.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerArchive">ContainerArchive</a>
 */
@ApplicationScoped
public class ArchiveRoutes {
    private static final int ORDER = -100;
    private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";
    private static final List<String> PASSED = List.of("path", "noOverwriteDirNonDir", "copyUIDGID");
    private final ContainerLookup containers;
    private final WorkerStreams streams;

    ArchiveRoutes(ContainerLookup containers, WorkerStreams streams) {
        this.containers = containers;
        this.streams = streams;
    }

    void register(@Observes Router router) {
        router.head("/containers/:id/archive").order(ORDER).handler(this::forward);
        router.get("/containers/:id/archive").order(ORDER).handler(this::forward);
        router.put("/containers/:id/archive").order(ORDER).handler(this::forward);
    }

    private void forward(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.pause();
        String path = request.getParam("path");
        if (path == null || path.isEmpty()) {
            ErrorAnswers.send(context.response(), new InvalidParameterException("path is required"));
            return;
        }
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        TenantId tenant = TenantGuard.of(context);
        String ref = context.pathParam("id");
        containers.find(tenant, ref)
                .flatMap(container -> streams.archive(tenant, request.method(), container.id,
                        query(request.params(), ref), request.method() == HttpMethod.PUT ? request : null))
                .subscribe().with(answer -> relay(answer, context.response()),
                        failure -> ErrorAnswers.send(context.response(), failure));
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        for (String header : List.of("Content-Type", STAT_HEADER)) {
            String value = answer.getHeader(header);
            if (value != null) {
                response.putHeader(header, value);
            }
        }
        String length = answer.getHeader("Content-Length");
        if (length != null) {
            response.putHeader("Content-Length", length);
        } else {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private static String query(MultiMap params, String ref) {
        StringBuilder query = new StringBuilder("ref=").append(encode(ref));
        for (String name : PASSED) {
            String value = params.get(name);
            if (value != null) {
                query.append('&').append(name).append('=').append(encode(value));
            }
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
