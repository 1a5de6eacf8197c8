package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service, asked what a container of an image is made of (docs/internal-api.md). */
@RegisterRestClient(configKey = "image-service")
public interface ImageClient {
    @GET
    @Path("/internal/images/resolve")
    Uni<ImageResolution> resolve(@HeaderParam(InternalHeaders.TENANT) String tenant, @QueryParam("reference") String reference,
            @QueryParam("user") String user);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("image-service", response.getStatus(), response.readEntity(String.class));
    }
}
