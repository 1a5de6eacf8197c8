package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.worker.containers.Bundles;
import io.berth.worker.network.NamespaceMode;
import io.berth.worker.stdio.StdioSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Making and removing a container's bundle on this node (docs/internal-api.md, "runtime-worker"). Every method
 * blocks on tools and files, so each runs on a worker thread (plain return types in Quarkus REST).
 */
@Path("/containers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class BundleResource {
    private final Bundles bundles;

    BundleResource(Bundles bundles) {
        this.bundles = bundles;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            CreateRequest request) {
        if (request == null || request.image() == null) {
            throw new InvalidParameterException("body must name the image: {\"image\": {\"repository\", \"digest\"}}");
        }
        CreateRequest.MountSources mounts = request.mounts() == null ? new CreateRequest.MountSources(null, null)
                : request.mounts();
        bundles.create(tenant, id, request.name(), request.image().repository(), manifestDigest(request.image().digest()),
                request.spec(), mounts.copyUp(), mounts.createSources(), NamespaceMode.parse(request.network()),
                request.stdio() == null ? StdioSettings.closed() : request.stdio());
        return Response.status(Response.Status.CREATED).build();
    }

    private static Digest manifestDigest(String text) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("image: " + e.getMessage(), e);
        }
    }

    @DELETE
    public Response delete(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        bundles.delete(tenant, id);
        return Response.noContent().build();
    }
}
