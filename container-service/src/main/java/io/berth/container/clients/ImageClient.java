package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service, asked which image a reference names (docs/internal-api.md). */
@RegisterRestClient(configKey = "image-service")
public interface ImageClient {
    @GET
    @Path("/images/{name}/json")
    Uni<ImageInspectView> inspect(@HeaderParam(InternalHeaders.TENANT) String tenant, @Encoded @PathParam("name") String name);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("image-service", response.getStatus(), response.readEntity(String.class));
    }
}
