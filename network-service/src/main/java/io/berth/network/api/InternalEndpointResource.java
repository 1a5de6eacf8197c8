package io.berth.network.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.network.endpoints.Attachment;
import io.berth.network.endpoints.ConnectRequest;
import io.berth.network.endpoints.EndpointRequest;
import io.berth.network.endpoints.Lease;
import io.berth.network.endpoints.LeaseRequest;
import io.berth.network.endpoints.ResolvedNetwork;
import io.berth.network.service.EndpointService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * What container-service asks of networks (docs/internal-api.md, "network-service"): whether a create's networks
 * and endpoint settings are valid, and a start's or a connect's endpoints and host ports. Under {@code /internal},
 * which the gateway routes to nobody.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalEndpointResource {
    private final EndpointService endpoints;

    InternalEndpointResource(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Path("/attachments/resolve")
    public Uni<List<ResolvedNetwork>> resolve(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            List<EndpointRequest> requests) {
        return endpoints.resolve(tenant, requests == null ? List.of() : requests);
    }

    @PUT
    @Path("/containers/{container}/endpoints")
    public Uni<Lease> lease(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("container") String container, LeaseRequest request) {
        if (request == null || request.run() <= 0) {
            throw new InvalidParameterException("a lease needs the container's name and run");
        }
        return endpoints.lease(tenant, container, request);
    }

    @DELETE
    @Path("/containers/{container}/endpoints")
    public Uni<Response> release(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("container") String container, @QueryParam("run") Long run) {
        return endpoints.release(container, run == null ? Long.MAX_VALUE : run).replaceWith(Response.noContent().build());
    }

    @PUT
    @Path("/containers/{container}/endpoints/{network}")
    public Uni<Attachment> connect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("container") String container, @PathParam("network") String network, ConnectRequest request) {
        if (request == null || request.endpoint() == null) {
            throw new InvalidParameterException("a connect needs the container's name, run and endpoint settings");
        }
        EndpointRequest endpoint = new EndpointRequest(network, request.endpoint().aliases(), request.endpoint().ipv4(),
                request.endpoint().mac());
        return endpoints.connect(tenant, container, new ConnectRequest(request.name(), request.run(), endpoint));
    }

    @DELETE
    @Path("/containers/{container}/endpoints/{network}")
    public Uni<Response> disconnect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("container") String container, @PathParam("network") String network) {
        return endpoints.disconnect(tenant, container, network).map(gone -> Response.noContent().build());
    }
}
