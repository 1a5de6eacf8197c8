package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.execs.ExecRequest;
import io.berth.worker.execs.ExecSessions;
import io.berth.worker.execs.ExecStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Exec sessions in a container's live run (docs/internal-api.md, "Exec sessions"): start one, read its facts, resize
 * its terminal, remove it. Its streams are {@link ExecStreamRoutes}. Blocking, like {@link RunResource}.
 */
@Path("/containers/{id}/execs/{exec}")
@Produces(MediaType.APPLICATION_JSON)
public class ExecResource {
    private final ExecSessions execs;

    ExecResource(ExecSessions execs) {
        this.execs = execs;
    }

    /** Starts the session; answers its facts (exit code 126 and the runtime's words when it could not exec). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ExecStatus start(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("exec") String exec, ExecRequest request) {
        if (request == null) {
            throw new InvalidParameterException("the body must be the exec's process");
        }
        return execs.start(tenant, id, exec, request);
    }

    @GET
    public ExecStatus status(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("exec") String exec) {
        return execs.status(tenant, id, exec);
    }

    @POST
    @Path("/resize")
    public Response resize(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("exec") String exec, @QueryParam("h") int height, @QueryParam("w") int width) {
        execs.resize(tenant, id, exec, height, width);
        return Response.noContent().build();
    }

    @DELETE
    public Response delete(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @PathParam("exec") String exec) {
        execs.delete(tenant, id, exec);
        return Response.noContent().build();
    }
}
