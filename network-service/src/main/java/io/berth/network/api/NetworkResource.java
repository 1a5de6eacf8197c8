package io.berth.network.api;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.network.service.NetworkFilter;
import io.berth.network.service.NetworkService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The Docker network endpoints: list and inspect. */
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkService networks;

    NetworkResource(NetworkService networks) {
        this.networks = networks;
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
        return networks.find(tenant, id).map(Network::of);
    }
}
