package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.worker.containers.ContainerService;
import io.berth.worker.containers.ContainerStatus;
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
import java.time.Instant;
import java.util.Locale;

/**
 * The worker's container calls (docs/internal-api.md, "runtime-worker"). Every method blocks on tools and files, so
 * each runs on a worker thread (plain return types in Quarkus REST).
 */
@Path("/containers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerResource {
    private final ContainerService containers;

    ContainerResource(ContainerService containers) {
        this.containers = containers;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            CreateRequest request) {
        if (request == null || request.image() == null) {
            throw new InvalidParameterException("body must name the image: {\"image\": {\"repository\", \"digest\"}}");
        }
        containers.create(tenant, id, request.name(), request.image().repository(),
                manifestDigest(request.image().digest()), request.spec());
        return Response.status(Response.Status.CREATED).build();
    }

    private static Digest manifestDigest(String text) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("image: " + e.getMessage(), e);
        }
    }

    @POST
    @Path("/start")
    public StartResponse start(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        ContainerService.Started started = containers.start(tenant, id);
        return new StartResponse(started.run(), started.pid(), started.startedAt().toString());
    }

    @POST
    @Path("/kill")
    public Response kill(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("signal") String signal) {
        containers.kill(tenant, id, signal);
        return Response.noContent().build();
    }

    @GET
    public StateResponse state(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        ContainerStatus status = containers.state(tenant, id);
        return new StateResponse(status.status().name().toLowerCase(Locale.ROOT), status.pid(), status.run(),
                status.exitCode(), text(status.startedAt()), text(status.finishedAt()));
    }

    @DELETE
    public Response delete(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        containers.delete(tenant, id);
        return Response.noContent().build();
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
