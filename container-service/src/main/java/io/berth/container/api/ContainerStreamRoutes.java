package io.berth.container.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.container.clients.WorkerStreams;
import io.berth.container.service.ContainerLookup;
import io.berth.container.service.ExitWaiters;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.Hijack;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The container endpoints that stream: {@code wait}, {@code attach} and {@code logs}. They are plain Vert.x routes
 * because each must control when the status line and headers go out, before any body.
 *
 * <p>{@code wait} sends 200 and its headers at once and the body when the container exits: the docker CLI sends
 * {@code start} only after wait's headers arrived, so holding them back deadlocks {@code docker run}
 * (shared/reference/docker-api-surface.md §3.3).
 */
@ApplicationScoped
public class ContainerStreamRoutes {
    private static final Logger LOG = Logger.getLogger(ContainerStreamRoutes.class);
    /** Docker's media types for attach and logs streams (moby api/types/types.go). */
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    static final String RAW = "application/vnd.docker.raw-stream";
    private static final Set<String> WAIT_CONDITIONS = Set.of("not-running", "next-exit", "removed");
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;

    private final ContainerLookup containers;
    private final ExitWaiters waiters;
    private final WorkerStreams streams;

    ContainerStreamRoutes(ContainerLookup containers, ExitWaiters waiters, WorkerStreams streams) {
        this.containers = containers;
        this.waiters = waiters;
        this.streams = streams;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/wait").order(ORDER).handler(this::waitFor);
        router.post("/containers/:id/attach").order(ORDER).handler(this::attach);
        router.get("/containers/:id/logs").order(ORDER).handler(this::logs);
    }

    void waitFor(RoutingContext context) {
        String condition = orDefault(context.request().getParam("condition"), "not-running");
        if (!WAIT_CONDITIONS.contains(condition)) {
            ErrorAnswers.send(context.response(), new InvalidParameterException("invalid condition: \"" + condition + "\""));
            return;
        }
        String ref = context.pathParam("id");
        withContainer(context, container -> {
            ExitWaiters.Registration registration = "removed".equals(condition)
                    ? waiters.removal(container.id)
                    : waiters.nextExit(container.id);
            if ("not-running".equals(condition) && !container.state().isActive()) {
                registration.cancel().run();
                sendHead(context, "application/json").end(waitBody(container.exitCode()));
                return;
            }
            HttpServerResponse response = sendHead(context, "application/json");
            context.request().connection().closeHandler(closed -> registration.cancel().run());
            registration.exitCode().subscribe().with(code -> {
                if (!response.ended() && !response.closed()) {
                    response.end(waitBody(code));
                }
            });
        }, ref);
    }

    void attach(RoutingContext context) {
        boolean upgrade = "tcp".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
        MultiMap query = MultiMap.caseInsensitiveMultiMap()
                .add("stdout", flag(context, "stdout"))
                .add("stderr", flag(context, "stderr"));
        withContainer(context, container -> streams.open(TenantGuard.of(context), container.id, "attach", query)
                .subscribe().with(output -> {
                    String mediaType = attachMediaType(container);
                    if (!upgrade) {
                        pipe(output, sendHead(context, mediaType));
                        return;
                    }
                    // 101 only now that the worker has fixed where the stream starts, so nothing is missed.
                    Hijack.upgrade(context.request(), mediaType).onSuccess(socket -> {
                        output.handler(socket::write);
                        output.endHandler(end -> socket.close());
                        output.exceptionHandler(e -> socket.close());
                        socket.closeHandler(closed -> output.request().connection().close());
                        output.resume();
                    }).onFailure(e -> {
                        LOG.warnf("attach to %s could not take over the connection: %s", container.id, e.getMessage());
                        output.request().connection().close();
                    });
                }, failure -> ErrorAnswers.send(context.response(), failure)), context.pathParam("id"));
    }

    void logs(RoutingContext context) {
        boolean stdout = QueryFlags.isTrue(context.request().getParam("stdout"));
        boolean stderr = QueryFlags.isTrue(context.request().getParam("stderr"));
        if (!stdout && !stderr) {
            ErrorAnswers.send(context.response(), new InvalidParameterException("Bad parameters: you must choose at least one stream"));
            return;
        }
        withContainer(context, container -> streams.open(TenantGuard.of(context), container.id, "logs", context.request().params())
                .subscribe().with(output -> pipe(output, sendHead(context, attachMediaType(container))),
                        failure -> ErrorAnswers.send(context.response(), failure)), context.pathParam("id"));
    }

    private void withContainer(RoutingContext context, java.util.function.Consumer<ContainerEntity> then, String ref) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        Uni<ContainerEntity> found = containers.find(TenantGuard.of(context), ref);
        found.subscribe().with(then, failure -> ErrorAnswers.send(context.response(), failure));
    }

    private static void pipe(HttpClientResponse output, HttpServerResponse response) {
        output.handler(response::write);
        output.endHandler(end -> response.end());
        output.exceptionHandler(e -> response.reset());
        response.closeHandler(closed -> output.request().connection().close());
        output.resume();
    }

    private static String waitBody(int exitCode) {
        return new JsonObject().put("StatusCode", exitCode).putNull("Error").encode();
    }

    private static String attachMediaType(ContainerEntity container) {
        return MULTIPLEXED;
    }

    private static String flag(RoutingContext context, String name) {
        return QueryFlags.isTrue(context.request().getParam(name)) ? "1" : "0";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
