package io.berth.container.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.container.service.ContainerLookup;
import io.berth.container.service.ExitWaiters;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * {@code wait}: a plain Vert.x route because it must control when the status line and headers go out, before any
 * body. ({@code logs} and {@code attach} are {@link OutputStreamRoutes}.)
 *
 * <p>{@code wait} sends 200 and its headers at once and the body when the container exits: the docker CLI sends
 * {@code start} only after wait's headers arrived, so holding them back deadlocks {@code docker run}
 * (shared/reference/docker-api-surface.md §3.3).
 */
@ApplicationScoped
public class ContainerStreamRoutes {
    private static final Set<String> WAIT_CONDITIONS = Set.of("not-running", "next-exit", "removed");
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;

    private final ContainerLookup containers;
    private final ExitWaiters waiters;

    ContainerStreamRoutes(ContainerLookup containers, ExitWaiters waiters) {
        this.containers = containers;
        this.waiters = waiters;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/wait").order(ORDER).handler(this::waitFor);
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

    private void withContainer(RoutingContext context, java.util.function.Consumer<ContainerEntity> then, String ref) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        Uni<ContainerEntity> found = containers.find(TenantGuard.of(context), ref);
        found.subscribe().with(then, failure -> ErrorAnswers.send(context.response(), failure));
    }

    private static String waitBody(int exitCode) {
        return new JsonObject().put("StatusCode", exitCode).putNull("Error").encode();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
