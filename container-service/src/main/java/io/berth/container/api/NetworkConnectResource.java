package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.container.ContainerNetworking;
import io.berth.container.service.NetworkConnections;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * {@code POST /networks/{id}/connect} and {@code /disconnect}: they change a container's networks, which are the
 * container's (dockerd keeps them in the container too), so the gateway routes these two paths here
 * (docs/internal-api.md, "Gateway routing"); network-service answers the rest of {@code /networks}.
 */
@Path("/networks/{network}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class NetworkConnectResource {
    private final NetworkConnections connections;

    NetworkConnectResource(NetworkConnections connections) {
        this.connections = connections;
    }

    /** Docker's {@code NetworkConnectRequest}. */
    record ConnectRequest(@JsonProperty("Container") String container,
            @JsonProperty("EndpointConfig") NetworkingRequest.Endpoint endpointConfig) {
    }

    /** Docker's {@code NetworkDisconnectRequest}. */
    record DisconnectRequest(@JsonProperty("Container") String container, @JsonProperty("Force") boolean force) {
    }

    @POST
    @Path("/connect")
    @ResponseStatus(200)
    public Uni<Void> connect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("network") String network,
            ConnectRequest request) {
        if (request == null || request.container() == null || request.container().isEmpty()) {
            throw new InvalidParameterException("container is required");
        }
        NetworkingRequest.Endpoint e = request.endpointConfig();
        ContainerNetworking.EndpointSettings settings = e == null ? new ContainerNetworking.EndpointSettings(null, null, null)
                : new ContainerNetworking.EndpointSettings(e.aliases(), e.ipamConfig() == null ? null : e.ipamConfig().ipv4Address(),
                        e.macAddress());
        return connections.connect(tenant, request.container(), network, settings);
    }

    @POST
    @Path("/disconnect")
    @ResponseStatus(200)
    public Uni<Void> disconnect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("network") String network,
            DisconnectRequest request) {
        if (request == null || request.container() == null || request.container().isEmpty()) {
            throw new InvalidParameterException("container is required");
        }
        return connections.disconnect(tenant, request.container(), network);
    }
}
