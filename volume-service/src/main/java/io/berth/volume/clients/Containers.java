package io.berth.volume.clients;

import io.berth.kit.api.CallerContext;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks container-service whether a container is gone: a question a volume removal must have answered now (the
 * container's destroy event may still be on its way), so a synchronous call (ARCHITECTURE rule 2).
 */
@ApplicationScoped
public class Containers {
    private static final Logger LOG = Logger.getLogger(Containers.class);
    private final ContainerClient client;

    Containers(@RestClient ContainerClient client) {
        this.client = client;
    }

    /** True only when container-service says the container does not exist; any doubt (unreachable, 5xx) is false. */
    public Uni<Boolean> isGone(TenantId tenant, String id) {
        Executor caller = CallerContext.current();
        return client.inspect(tenant.value(), id).map(response -> {
            try (response) {
                return response.getStatus() == 404;
            }
        }).onFailure(WebApplicationException.class)
                .recoverWithItem(failure -> ((WebApplicationException) failure).getResponse().getStatus() == 404)
                .onFailure().recoverWithItem(failure -> {
            LOG.debugf("cannot ask container-service about %s: %s", id, failure.getMessage());
            return false;
        }).emitOn(caller);
    }
}
