package io.berth.volume.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.service.VolumeCreation;
import io.berth.volume.service.VolumeService;
import io.berth.volume.service.VolumeUses;
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
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * What container-service asks when it creates a container (docs/internal-api.md, "volume-service"): make sure these
 * volumes exist and record that the container uses them; and, when the create failed, forget it again. And the
 * gateway's question for {@code docker system df}: the volumes with their usage. Under {@code /internal}, which the
 * gateway routes to nobody.
 */
@Path("/internal/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class InternalVolumeResource {
    private final VolumeCreation creation;
    private final VolumeUses uses;
    private final VolumeService volumes;

    InternalVolumeResource(VolumeCreation creation, VolumeUses uses, VolumeService volumes) {
        this.creation = creation;
        this.uses = uses;
        this.volumes = volumes;
    }

    /** Body of the ensure call: the container and the volumes it mounts, in order. */
    public record EnsureRequest(String container, List<EnsuredVolume> volumes) {
    }

    /**
     * One volume a container mounts: its name (null for an anonymous one), the driver, options and labels a missing
     * one is made with, and the mount (destination, read-write, propagation) that its events show.
     */
    public record EnsuredVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels,
            String destination, boolean readWrite, String propagation) {
    }

    /** The answer: each volume as made or found, in the order asked. */
    public record EnsureResponse(List<Volume> volumes) {
    }

    @POST
    @Path("/ensure")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EnsureResponse> ensure(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, EnsureRequest request) {
        if (request == null || request.container() == null || request.container().isEmpty()) {
            throw new InvalidParameterException("an ensure call names the container the volumes are for");
        }
        List<VolumeCreation.ContainerVolume> wanted = (request.volumes() == null ? List.<EnsuredVolume>of() : request.volumes())
                .stream().map(one -> new VolumeCreation.ContainerVolume(
                        new VolumeCreation.VolumeSpec(one.name(), one.driver(), one.driverOpts(), one.labels()),
                        one.destination(), one.readWrite(), one.propagation()))
                .toList();
        return creation.ensureFor(tenant, request.container(), wanted)
                .map(made -> new EnsureResponse(made.stream().map(Volume::of).toList()));
    }

    /**
     * Forgets the container's uses (its create failed, so no event will); with {@code anonymous=1} its anonymous
     * volumes that nothing else uses go too.
     */
    @DELETE
    @Path("/uses/{container}")
    @ResponseStatus(204)
    public Uni<Void> release(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("container") String container,
            @QueryParam("anonymous") String anonymous) {
        return uses.release(tenant, container, QueryFlags.isTrue(anonymous));
    }

    /**
     * The volume part of {@code GET /system/df}: the tenant's volumes, each with Docker's {@code UsageData} (its data's
     * size on the node, and how many containers use it), in {@code /volumes}'s shape.
     */
    @GET
    @Path("/usage")
    public Uni<VolumeListResponse> usage(@HeaderParam(InternalHeaders.TENANT) TenantId tenant) {
        return volumes.usage(tenant).map(all -> new VolumeListResponse(all.stream()
                .map(one -> Volume.of(one.volume(), new Volume.UsageData(one.size(), one.refCount()))).toList(), List.of()));
    }
}
