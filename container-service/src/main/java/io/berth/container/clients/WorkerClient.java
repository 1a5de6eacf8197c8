package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The node's runtime worker: run this container here (docs/internal-api.md). */
@RegisterRestClient(configKey = "worker")
@Path("/containers/{id}")
public interface WorkerClient {
    @PUT
    Uni<Void> create(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, WorkerCreateRequest request);

    @POST
    @Path("/start")
    Uni<WorkerStarted> start(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @QueryParam("run") long run);

    @POST
    @Path("/kill")
    Uni<Void> kill(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, @QueryParam("signal") String signal);

    @DELETE
    Uni<Void> delete(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("runtime worker", response.getStatus(), response.readEntity(String.class));
    }
}
