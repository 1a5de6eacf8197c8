package io.berth.volume.clients;

import io.berth.kit.api.InternalHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** container-service, asked whether a container still exists (its inspect: 200, or 404). */
@RegisterRestClient(configKey = "container-service")
public interface ContainerClient {
    @GET
    @Path("/containers/{id}/json")
    Uni<Response> inspect(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id);
}
