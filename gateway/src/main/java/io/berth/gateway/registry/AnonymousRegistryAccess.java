package io.berth.gateway.registry;

import io.berth.gateway.tenant.TenantResolver;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The registry's access until authentication arrives: every call goes on as the tenant the gateway's
 * {@link TenantResolver} decides ({@code default} today), as on the Docker API port. A registry without auth ignores
 * credentials it is sent, as distribution's does, so a client that logged in still works.
 */
@ApplicationScoped
class AnonymousRegistryAccess implements RegistryAccess {
    private final TenantResolver tenants;

    AnonymousRegistryAccess(TenantResolver tenants) {
        this.tenants = tenants;
    }

    @Override
    public Decision decide(HttpServerRequest request, Optional<RegistryScope> scope) {
        return new Allowed(tenants.resolve(request));
    }
}
