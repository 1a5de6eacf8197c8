package io.berth.volume.api;

import io.berth.kit.api.ApiVersion;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.service.PruneFilter;
import io.berth.volume.service.VolumeCreation;
import io.berth.volume.service.VolumeFilter;
import io.berth.volume.service.VolumeRemoval;
import io.berth.volume.service.VolumeService;
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

/** The Docker volume endpoints: create, list, inspect, remove, prune. */
@Path("/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {
    /** From API 1.42 a prune removes anonymous volumes only, unless {@code all=true} (moby volume_routes.go). */
    static final ApiVersion MIN_API_PRUNE_ANONYMOUS_ONLY = ApiVersion.of(1, 42);

    private final VolumeService volumes;
    private final VolumeCreation creation;
    private final VolumeRemoval removal;

    VolumeResource(VolumeService volumes, VolumeCreation creation, VolumeRemoval removal) {
        this.volumes = volumes;
        this.creation = creation;
        this.removal = removal;
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<Volume> create(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, byte[] body) {
        VolumeCreateRequest request = VolumeCreateRequest.read(body);
        return creation.create(tenant, new VolumeCreation.VolumeSpec(request.name(), request.driver(),
                request.driverOpts(), request.labels())).map(Volume::of);
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

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    public Uni<Void> remove(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @QueryParam("force") String force) {
        return removal.remove(tenant, name, QueryFlags.isTrue(force));
    }

    @POST
    @Path("/prune")
    @Consumes(MediaType.WILDCARD)
    public Uni<VolumePruneResponse> prune(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @HeaderParam(InternalHeaders.API_VERSION) String apiVersion, @QueryParam("filters") String filters) {
        ApiVersion version = apiVersion == null ? ApiVersion.DEFAULT : ApiVersion.parse(apiVersion);
        boolean allByDefault = version.isBefore(MIN_API_PRUNE_ANONYMOUS_ONLY);
        PruneFilter filter = PruneFilter.of(DockerFilters.parse(filters), allByDefault);
        return removal.prune(tenant, filter)
                .map(pruned -> new VolumePruneResponse(pruned.names(), pruned.reclaimed()));
    }
}
