package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** volume-service, asked to make sure a container's volumes exist and stay while it uses them (docs/internal-api.md). */
@RegisterRestClient(configKey = "volume-service")
public interface VolumeClient {
    /** Body of the ensure call. */
    record EnsureRequest(String container, List<EnsuredVolume> volumes) {
    }

    /** One volume to ensure: null name for an anonymous one; driver, options and labels for one that is made. */
    record EnsuredVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels,
            String destination, boolean readWrite, String propagation) {
    }

    /** The answer: each volume as Docker's {@code Volume}, in the order asked; only what container-service uses. */
    record EnsureResponse(List<EnsuredAnswer> volumes) {
    }

    /** One ensured volume: its name, driver, and where the node keeps its data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnsuredAnswer(
            @JsonProperty("Name") String name,
            @JsonProperty("Driver") String driver,
            @JsonProperty("Mountpoint") String mountpoint) {
    }

    @POST
    @Path("/internal/volumes/ensure")
    Uni<EnsureResponse> ensure(@HeaderParam(InternalHeaders.TENANT) String tenant, EnsureRequest request);

    @DELETE
    @Path("/internal/volumes/uses/{container}")
    Uni<Void> release(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("container") String container,
            @QueryParam("anonymous") boolean anonymous);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("volume-service", response.getStatus(), response.readEntity(String.class));
    }
}
