package io.berth.network.api;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.network.service.NetworkCreation;
import io.berth.network.service.NetworkFilter;
import io.berth.network.service.NetworkRemoval;
import io.berth.network.service.NetworkService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The Docker network endpoints: list, inspect, create, remove and prune. */
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkService networks;
    private final NetworkCreation creation;
    private final NetworkRemoval removal;

    NetworkResource(NetworkService networks, NetworkCreation creation, NetworkRemoval removal) {
        this.networks = networks;
        this.creation = creation;
        this.removal = removal;
    }

    @GET
    public Uni<List<Network>> list(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("filters") String filters) {
        NetworkFilter filter = NetworkFilter.of(DockerFilters.parse(filters));
        return networks.list(tenant, filter).map(found -> found.stream().map(Network::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<Network> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return networks.inspect(tenant, id).map(Network::of);
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<NetworkCreateResponse> create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            NetworkCreateRequest request) {
        if (request == null) {
            throw new io.berth.kit.errors.InvalidParameterException("invalid JSON: the body must be a network create request");
        }
        return creation.create(tenant, request.toSpec()).map(network -> new NetworkCreateResponse(network.id, ""));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> remove(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return removal.remove(tenant, id);
    }

    @POST
    @Path("/prune")
    @Consumes(MediaType.WILDCARD)
    public Uni<NetworkPruneResponse> prune(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("filters") String filters) {
        return removal.prune(tenant, DockerFilters.parse(filters)).map(NetworkPruneResponse::new);
    }
}
