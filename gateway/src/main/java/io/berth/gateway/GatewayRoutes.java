package io.berth.gateway;

import io.berth.gateway.api.AbsentFeatures;
import io.berth.gateway.api.DiskUsage;
import io.berth.gateway.api.DockerHeaders;
import io.berth.gateway.api.EventQuery;
import io.berth.gateway.api.SystemEndpoints;
import io.berth.gateway.edge.EdgeTimeouts;
import io.berth.gateway.events.EventFeed;
import io.berth.gateway.path.CanonicalPath;
import io.berth.gateway.proxy.Backends;
import io.berth.gateway.proxy.Proxy;
import io.berth.gateway.tenant.TenantResolver;
import io.berth.gateway.version.VersionedPath;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The gateway's one entry point, a Vert.x route ahead of every other: puts the connection under the edge's clocks,
 * stamps Docker's headers, takes the canonical path, strips and checks its {@code /v1.NN} prefix, fixes the tenant,
 * then answers the system endpoints itself and forwards everything else to the owning service. It takes every path:
 * Quarkus's own {@code /q/} endpoints (health) live on the management interface, a port of their own, so that
 * nothing but the Docker API answers on the public one.
 */
@ApplicationScoped
class GatewayRoutes {
    /** Ahead of every other route, so that no path escapes the version check. */
    private static final int ORDER = -1000;

    private final Backends backends;
    private final Proxy proxy;
    private final SystemEndpoints system;
    private final EventFeed events;
    private final TenantResolver tenants;
    private final EdgeTimeouts edge;
    private final DiskUsage diskUsage;
    private final AbsentFeatures absent;

    GatewayRoutes(Backends backends, Proxy proxy, SystemEndpoints system, EventFeed events, TenantResolver tenants,
            EdgeTimeouts edge, DiskUsage diskUsage, AbsentFeatures absent) {
        this.diskUsage = diskUsage;
        this.absent = absent;
        this.backends = backends;
        this.proxy = proxy;
        this.system = system;
        this.events = events;
        this.tenants = tenants;
        this.edge = edge;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::dispatch);
    }

    void dispatch(RoutingContext context) {
        HttpServerRequest request = context.request();
        edge.watch(request);
        DockerHeaders.stamp(request.response());
        try {
            // Routing works on the canonical path only, so no spelling reaches what the table does not name.
            VersionedPath target = VersionedPath.of(CanonicalPath.of(request.path()).path());
            TenantId tenant = tenants.resolve(request);
            if (AbsentFeatures.covers(target.path())) {
                if (!absent.answer(request, target.path())) {
                    pageNotFound(request);
                }
            } else if (!serveOwn(request, target.path(), tenant)) {
                Optional<Backends.Backend> owner = backends.owner(target.path());
                if (owner.isPresent()) {
                    proxy.forward(request, owner.get(), target.path(), tenant, target.version());
                } else {
                    pageNotFound(request);
                }
            }
        } catch (RuntimeException e) {
            // Quarkus hands the request over paused; a refused call's body is thrown away (ConnectionWatch).
            request.resume();
            ErrorAnswers.send(request.response(), e);
        }
    }

    /** The endpoints the gateway answers itself (docs/internal-api.md, "Gateway routing"); false for the rest. */
    private boolean serveOwn(HttpServerRequest request, String path, TenantId tenant) {
        if (!isOwn(path)) {
            return false;
        }
        // Quarkus hands the request over paused; none of these reads a body, so let its end through.
        request.resume();
        HttpMethod method = request.method();
        boolean get = method == HttpMethod.GET;
        switch (path) {
            case "/_ping" -> {
                if (!get && method != HttpMethod.HEAD) {
                    pageNotFound(request);
                } else {
                    system.ping(request);
                }
            }
            case "/version" -> ifGet(request, get, () -> system.version(request));
            case "/info" -> ifGet(request, get, () -> system.info(request, tenant));
            case "/events" -> ifGet(request, get, () -> events.stream(request.response(), tenant,
                    EventQuery.of(request.getParam("since"), request.getParam("until"), request.getParam("filters"))));
            case "/system/df" -> ifGet(request, get, () -> diskUsage.answer(request, tenant));
            // The rest of /system is the gateway's, not served yet: dockerd's 404 for now.
            default -> pageNotFound(request);
        }
        return true;
    }

    private static boolean isOwn(String path) {
        return switch (path) {
            case "/_ping", "/version", "/info", "/events" -> true;
            default -> path.equals("/system") || path.startsWith("/system/");
        };
    }

    private static void ifGet(HttpServerRequest request, boolean get, Runnable serve) {
        if (get) {
            serve.run();
        } else {
            pageNotFound(request);
        }
    }

    /** dockerd's answer for a path or method it has no route for (moby api/server/server.go). */
    private static void pageNotFound(HttpServerRequest request) {
        request.resume();
        ErrorAnswers.send(request.response(), 404, "page not found");
    }
}
