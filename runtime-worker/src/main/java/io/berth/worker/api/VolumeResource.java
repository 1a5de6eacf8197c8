package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.volumes.NodeVolumes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Making and removing a local volume's directory on this node, for volume-service (docs/internal-api.md,
 * "runtime-worker"). Blocking on files and mount(8), so each call runs on a worker thread.
 */
@Path("/volumes/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {
    private final NodeVolumes volumes;

    VolumeResource(NodeVolumes volumes) {
        this.volumes = volumes;
    }

    /** Body of the create call: the local driver's options ({@code type}, {@code device}, {@code o}), if any. */
    public record CreateVolume(Map<String, String> options) {
    }

    /** Where the volume's data is on this node. */
    public record CreatedVolume(String mountpoint) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public CreatedVolume create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            CreateVolume request) {
        return new CreatedVolume(volumes.create(tenant, name, request == null ? Map.of() : request.options()).toString());
    }

    @DELETE
    public Response delete(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name) {
        volumes.delete(tenant, name);
        return Response.noContent().build();
    }
}
