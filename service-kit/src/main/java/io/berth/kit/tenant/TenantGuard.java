package io.berth.kit.tenant;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The one check that an internal call carries the tenant the gateway decided: a Vert.x route ahead of every JAX-RS
 * resource and raw stream route of a service, so no use case ever runs without a tenant. Quarkus's own {@code /q/}
 * endpoints (health, metrics) and a worker's node-wide {@code /node/} calls (which answer for every tenant on the node,
 * to Berth's own parts only) are not tenant calls. The gateway, whose clients never send the header, excludes this
 * bean ({@code quarkus.arc.exclude-types}).
 */
@ApplicationScoped
public class TenantGuard {
    private static final String KEY = "berth.tenant";
    /** Ahead of the raw stream routes (-100) and of Quarkus REST. */
    private static final int ORDER = -500;
    private static final List<String> NOT_TENANT_CALLS = List.of("/q/", "/node/");

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        String path = context.request().path();
        if (NOT_TENANT_CALLS.stream().anyMatch(path::startsWith)) {
            context.next();
            return;
        }
        TenantId tenant;
        try {
            tenant = TenantId.fromHeader(context.request().getHeader(InternalHeaders.TENANT));
        } catch (InvalidParameterException e) {
            ErrorAnswers.send(context.response(), e);
            return;
        }
        context.put(KEY, tenant);
        context.next();
    }

    /** The tenant of a call this guard let through (raw routes; JAX-RS resources take it as a header parameter). */
    public static TenantId of(RoutingContext context) {
        TenantId tenant = context.get(KEY);
        if (tenant == null) {
            throw new IllegalStateException("route " + context.request().path() + " ran without the tenant guard");
        }
        return tenant;
    }
}
