package io.berth.kit.policy;

import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a tenant may show paths of the host to its containers: bind mounts ({@code -v /host:/path},
 * {@code --mount type=bind}) and bind-backed volumes ({@code --opt type=none --opt o=bind --opt device=/host}). The
 * one place this is decided, for every service that takes such a path. On a single machine the host is the user's own
 * and binds are allowed ({@code berth.host-binds.allowed}, default true); a hosted installation will decide it per
 * tenant here. Whatever the policy, the node itself refuses a path that would expose its state root.
 */
@ApplicationScoped
public class HostBindPolicy {
    private final boolean allowed;

    HostBindPolicy(@ConfigProperty(name = "berth.host-binds.allowed", defaultValue = "true") boolean allowed) {
        this.allowed = allowed;
    }

    /** A policy that allows or refuses every tenant, for tests and for code outside CDI. */
    public static HostBindPolicy of(boolean allowed) {
        return new HostBindPolicy(allowed);
    }

    /** 403 when the tenant may not show {@code hostPath} to its containers. */
    public void check(TenantId tenant, String hostPath) {
        if (!allowed) {
            throw new ForbiddenException("tenant " + tenant + " may not mount host paths into containers (" + hostPath
                    + "); use a volume instead");
        }
    }
}
