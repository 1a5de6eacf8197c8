package io.berth.network.clients;

import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The node's runtime worker, asked what the node already routes (docs/internal-api.md). */
@RegisterRestClient(configKey = "worker")
public interface WorkerClient {
    /** The destinations of the node's routes, in CIDR notation (default routes left out). */
    @GET
    @Path("/node/routes")
    Uni<List<String>> routes();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("runtime worker", response.getStatus(), response.readEntity(String.class));
    }
}
