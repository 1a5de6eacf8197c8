package io.berth.image.api;

import io.berth.image.service.ImageService;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The Docker image endpoints that read: list and inspect. */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageService images;
    private final ImageMapper mapper;

    ImageResource(ImageService images, ImageMapper mapper) {
        this.images = images;
        this.mapper = mapper;
    }

    @GET
    @Path("/json")
    public Uni<List<ImageSummary>> list(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @QueryParam("filters") String filters) {
        ImageFilter filter = new ImageFilter(DockerFilters.parse(filters));
        return images.list(tenant).map(all -> all.stream().filter(filter::matches).map(mapper::summary).toList());
    }

    /**
     * {@code {name}} may hold slashes and colons ({@code localhost:5000/x:tag}) and may be an image id or id prefix,
     * so the route takes everything before the last {@code /json}, as moby's {@code {name:.*}} route does.
     */
    @GET
    @Path("/{name: .+}/json")
    public Uni<ImageInspect> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name) {
        return images.inspect(tenant, name).map(mapper::inspect);
    }
}
