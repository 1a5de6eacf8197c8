package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The node's runtime worker: make this bundle, start and signal its runs, tell their facts (docs/internal-api.md). */
@RegisterRestClient(configKey = "worker")
public interface WorkerClient {
    @PUT
    @Path("/containers/{id}")
    Uni<Void> create(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, WorkerCreateRequest request);

    @POST
    @Path("/containers/{id}/start")
    Uni<WorkerRunStatus> start(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, @QueryParam("run") long run);

    /** A start whose run joins networks: the body is its network plan. */
    @POST
    @Path("/containers/{id}/start")
    Uni<WorkerRunStatus> start(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @QueryParam("run") long run, WorkerNetworkPlan network);

    @PUT
    @Path("/containers/{id}/networks/{network}")
    Uni<Void> connect(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("network") String network, NetworkAttachment attachment);

    @DELETE
    @Path("/containers/{id}/networks/{network}")
    Uni<Void> disconnect(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("network") String network);

    @POST
    @Path("/containers/{id}/kill")
    Uni<Void> kill(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, @QueryParam("signal") String signal);

    @POST
    @Path("/containers/{id}/pause")
    Uni<Void> pause(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    @POST
    @Path("/containers/{id}/resume")
    Uni<Void> resume(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    @POST
    @Path("/containers/{id}/resize")
    Uni<Void> resize(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @QueryParam("h") int height, @QueryParam("w") int width);

    @GET
    @Path("/containers/{id}/top")
    Uni<WorkerProcesses> top(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @QueryParam("ps_args") String psArgs);

    @GET
    @Path("/containers/{id}/changes")
    Uni<List<WorkerChange>> changes(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    /** One reading of the live run's cgroup counters, in Docker's stats shape (docs/internal-api.md). */
    @GET
    @Path("/containers/{id}/stats")
    Uni<com.fasterxml.jackson.databind.node.ObjectNode> stats(@HeaderParam(InternalHeaders.TENANT) String tenant,
            @PathParam("id") String id);

    @GET
    @Path("/containers/{id}")
    Uni<WorkerRunStatus> status(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    @DELETE
    @Path("/containers/{id}")
    Uni<Void> delete(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);

    @PUT
    @Path("/containers/{id}/execs/{exec}")
    Uni<WorkerExecStatus> exec(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("exec") String exec, WorkerExecRequest request);

    @GET
    @Path("/containers/{id}/execs/{exec}")
    Uni<WorkerExecStatus> execStatus(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("exec") String exec);

    @POST
    @Path("/containers/{id}/execs/{exec}/resize")
    Uni<Void> execResize(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("exec") String exec, @QueryParam("h") int height, @QueryParam("w") int width);

    /** Every container on the node, of every tenant: for Berth's own reconciliation, so no tenant header. */
    @GET
    @Path("/node/containers")
    Uni<List<WorkerNodeContainer>> containers();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("runtime worker", response.getStatus(), response.readEntity(String.class));
    }
}
