package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** network-service, asked about a container's networks and for its endpoints and host ports (docs/internal-api.md). */
@RegisterRestClient(configKey = "network-service")
public interface NetworkClient {
    @POST
    @Path("/internal/attachments/resolve")
    Uni<List<ResolvedNetwork>> resolve(@HeaderParam(InternalHeaders.TENANT) String tenant, List<EndpointRequest> requests);

    @PUT
    @Path("/internal/containers/{id}/endpoints")
    Uni<NetworkLease> lease(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, LeaseRequest request);

    @DELETE
    @Path("/internal/containers/{id}/endpoints")
    Uni<Void> release(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id, @QueryParam("run") long run);

    @PUT
    @Path("/internal/containers/{id}/endpoints/{network}")
    Uni<NetworkAttachment> connect(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("network") String network, ConnectRequest request);

    @DELETE
    @Path("/internal/containers/{id}/endpoints/{network}")
    Uni<Void> disconnect(@HeaderParam(InternalHeaders.TENANT) String tenant, @PathParam("id") String id,
            @PathParam("network") String network);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return ErrorAnswers.fromPeer("network-service", response.getStatus(), response.readEntity(String.class));
    }

    /** What a container asks of its endpoint on one network. */
    record EndpointRequest(String network, List<String> aliases, String ipv4, String mac) {
    }

    /** A start's request: the container's name, its run, its networks in order and its published ports. */
    record LeaseRequest(String name, long run, List<EndpointRequest> networks, List<PortRequest> ports) {
    }

    /** One published port as the client asked for it. */
    record PortRequest(int containerPort, String protocol, String hostIp, String hostPort) {
    }

    /** A live connect: the container's name, its run and the endpoint's settings. */
    record ConnectRequest(String name, long run, EndpointRequest endpoint) {
    }
}
