package io.berth.gateway.tenant;

import io.berth.kit.tenant.TenantId;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides the tenant of a call from its credentials; the one place authentication will plug in. Until then every
 * call is tenant {@code default}. What a client sends in Berth's internal headers is never consulted: the proxy
 * overwrites them.
 */
@ApplicationScoped
public class TenantResolver {
    public TenantId resolve(HttpServerRequest request) {
        return TenantId.DEFAULT;
    }
}
