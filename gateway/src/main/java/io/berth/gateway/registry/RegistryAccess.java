package io.berth.gateway.registry;

import io.berth.kit.tenant.TenantId;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Who calls Berth's registry and whether they may: the hook where authentication plugs in. It sees the call's
 * {@code Authorization} header and its {@link RegistryScope}, and either lets it through as a tenant or answers 401
 * with a challenge ({@link RegistryChallenge}): {@code Basic} for a user and password (what {@code docker login}
 * stores), or {@code Bearer} pointing at a token service for the Docker token flow and per-tenant tokens. The edge
 * drops {@code Authorization} before it forwards, so credentials never reach a service. Until authentication
 * arrives, {@link AnonymousRegistryAccess} lets every call through as tenant {@code default}.
 */
public interface RegistryAccess {
    /** What to do with a call: go on as {@code tenant}, or answer 401 with the challenge. */
    sealed interface Decision permits Allowed, Challenged {
    }

    /** The call goes on as this tenant. */
    record Allowed(TenantId tenant) implements Decision {
    }

    /** The call is answered 401 {@code UNAUTHORIZED} with this challenge and message. */
    record Challenged(RegistryChallenge challenge, String message) implements Decision {
    }

    Decision decide(HttpServerRequest request, Optional<RegistryScope> scope);
}
