package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.image.service.ImageService;
import io.berth.image.service.ImageUsage;
import java.util.List;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Calls other Berth parts make, never a client: the gateway forwards by first path segment and routes none to
 * {@code /internal} (docs/internal-api.md, "Gateway routing").
 */
@Path("/internal/images")
@Produces(MediaType.APPLICATION_JSON)
public class InternalImageResource {
    private final ImageService images;
    private final ImageMapper mapper;
    private final ImageUsage usage;

    InternalImageResource(ImageService images, ImageMapper mapper, ImageUsage usage) {
        this.images = images;
        this.mapper = mapper;
        this.usage = usage;
    }

    /** image-service's part of {@code GET /system/df}, which the gateway puts together: Docker's names. */
    public record DiskUsage(@JsonProperty("LayersSize") long layersSize, @JsonProperty("Images") List<ImageSummary> images) {
    }

    /** The tenant's images with their shared sizes and container counts, and the size of all distinct layers. */
    @GET
    @Path("/usage")
    public Uni<DiskUsage> usage(@HeaderParam(InternalHeaders.TENANT) TenantId tenant) {
        return usage.of(tenant).map(found -> new DiskUsage(found.layersSize(), found.rows().stream()
                .map(row -> mapper.summary(row.image(), row.sharedSize(), row.containers())).toList()));
    }

    /**
     * The image a container's {@code Config.Image} names, with what the container needs of it. The reference is a
     * query parameter, so its slashes and colons need no path tricks.
     */
    @GET
    @Path("/resolve")
    public Uni<ImageResolution> resolve(@HeaderParam(InternalHeaders.TENANT) @DefaultValue("") TenantId tenant,
            @QueryParam("reference") String reference) {
        if (reference == null || reference.isEmpty()) {
            return Uni.createFrom().failure(new InvalidParameterException("reference must name an image"));
        }
        return images.resolve(tenant, reference).map(mapper::resolution);
    }
}
