package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * image-service's {@code POST /internal/images/commit} (docs/internal-api.md), on a client of its own: a commit reads
 * and stores the container's whole change before it answers, far longer than a resolve may take.
 */
@RegisterRestClient(configKey = "image-commit")
public interface ImageCommitClient {
    /** The new image's id and the reference it was tagged as ({@code ""} when none). */
    record Answer(@JsonProperty("Id") String id, @JsonProperty("ImageRef") String imageRef) {
    }

    @POST
    @Path("/internal/images/commit")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Answer> commit(@HeaderParam(InternalHeaders.TENANT) String tenant, ImageCommitRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("image-service", response.getStatus(), response.readEntity(String.class));
    }
}
