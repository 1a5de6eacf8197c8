package io.berth.volume.api;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.service.VolumeFilter;
import io.berth.volume.service.VolumeService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The Docker volume endpoints: list and inspect. */
@Path("/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {
    private final VolumeService volumes;

    VolumeResource(VolumeService volumes) {
        this.volumes = volumes;
    }

    @GET
    public Uni<VolumeListResponse> list(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("filters") String filters) {
        VolumeFilter filter = VolumeFilter.of(DockerFilters.parse(filters));
        return volumes.list(tenant, filter)
                .map(found -> new VolumeListResponse(found.stream().map(Volume::of).toList(), List.of()));
    }

    @GET
    @Path("/{name}")
    public Uni<Volume> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name) {
        return volumes.find(tenant, name).map(Volume::of);
    }
}
