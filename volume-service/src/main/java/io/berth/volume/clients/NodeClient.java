package io.berth.volume.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The node's runtime worker, which keeps the volumes' data (docs/internal-api.md, "runtime-worker"). */
@RegisterRestClient(configKey = "worker")
public interface NodeClient {
    /** Body of the worker's volume create: the local driver's options. */
    record CreateVolume(Map<String, String> options) {
    }

    /** The worker's answer: where the data is. */
    record CreatedVolume(String mountpoint) {
    }

    /** One volume directory on the node; {@code size} is -1 unless asked for. */
    record NodeVolume(String tenant, String name, String mountpoint, long size) {
    }

    @PUT
    @Path("/volumes/{name}")
    Uni<CreatedVolume> create(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("name") String name,
            CreateVolume request);

    @DELETE
    @Path("/volumes/{name}")
    Uni<Void> delete(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("name") String name);

    /** Every volume directory on the node, of every tenant: Berth's own call, so no tenant header. */
    @GET
    @Path("/node/volumes")
    Uni<List<NodeVolume>> volumes(@QueryParam("size") boolean size);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("runtime worker", response.getStatus(), response.readEntity(String.class));
    }
}
