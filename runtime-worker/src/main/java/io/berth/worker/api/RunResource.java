package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.RunStatus;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.containers.Runs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A container's runs on this node: start one, signal it, read its facts (docs/internal-api.md, "runtime-worker").
 * Blocking, like {@link BundleResource}.
 */
@Path("/containers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    private final Runs runs;
    private final RunStatuses statuses;

    RunResource(Runs runs, RunStatuses statuses) {
        this.runs = runs;
        this.statuses = statuses;
    }

    /** Starts run {@code run} (container-service numbers the runs); answers the new run's status. */
    @POST
    @Path("/start")
    public RunStatus start(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("run") String run) {
        Long number = RunParam.parse(run);
        return runs.start(tenant, id, number == null ? 0 : number);
    }

    @POST
    @Path("/kill")
    public Response kill(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("signal") String signal) {
        runs.kill(tenant, id, signal);
        return Response.noContent().build();
    }

    @GET
    public RunStatus status(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return statuses.of(tenant, id);
    }
}
