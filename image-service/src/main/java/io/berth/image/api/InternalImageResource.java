package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.image.service.ImageCommit;
import io.berth.image.service.BuildCacheUsage;
import io.berth.image.service.ImageService;
import io.berth.image.service.ProcessUsers;
import io.berth.image.service.ImageUsage;
import java.util.List;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.api.StrictJson;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
    private final ImageCommit commits;
    private final ProcessUsers users;
    private final Vertx vertx;

    InternalImageResource(ImageService images, ImageMapper mapper, ImageUsage usage, ImageCommit commits,
            ProcessUsers users, Vertx vertx) {
        this.users = users;
        this.images = images;
        this.mapper = mapper;
        this.usage = usage;
        this.commits = commits;
        this.vertx = vertx;
    }

    /** What a commit answers container-service: the new image's id, and the reference it was tagged as or {@code ""}. */
    public record CommitAnswer(@JsonProperty("Id") String id, @JsonProperty("ImageRef") String imageRef) {
    }

    /**
     * {@code docker commit}'s image side (docs/internal-api.md): the container's change, read from its node, as a
     * new image on the container's image. The node is read on a worker thread.
     */
    @POST
    @Path("/commit")
    @Consumes(MediaType.WILDCARD)
    @NonBlocking
    public Uni<CommitAnswer> commit(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, byte[] body) {
        ImageCommit.Request request = ImageCommit.Request.of(StrictJson.tree(body));
        return commits.parent(tenant, request.parentId()).flatMap(parent -> vertx
                .executeBlocking(Uni.createFrom().item(() -> commits.prepare(tenant, parent, request)))
                .flatMap(image -> commits.record(tenant, image, parent, request)))
                .map(done -> new CommitAnswer(done.id(), done.reference()));
    }

    /** image-service's part of {@code GET /system/df}, which the gateway puts together: Docker's names. */
    public record DiskUsage(@JsonProperty("LayersSize") long layersSize, @JsonProperty("Images") List<ImageSummary> images,
            @JsonProperty("BuildCache") List<BuildCacheRecord> buildCache, @JsonProperty("BuilderSize") long builderSize) {
    }

    /** Docker's {@code BuildCache} record for one cached build step (service/BuildCacheUsage). */
    public record BuildCacheRecord(@JsonProperty("ID") String id, @JsonProperty("Parent") String parent,
            @JsonProperty("Type") String type, @JsonProperty("Description") String description,
            @JsonProperty("InUse") boolean inUse, @JsonProperty("Shared") boolean shared, @JsonProperty("Size") long size,
            @JsonProperty("CreatedAt") String createdAt, @JsonProperty("LastUsedAt") String lastUsedAt,
            @JsonProperty("UsageCount") int usageCount) {
    }

    /** The tenant's images with their shared sizes and container counts, and the size of all distinct layers. */
    @GET
    @Path("/usage")
    public Uni<DiskUsage> usage(@HeaderParam(InternalHeaders.TENANT) TenantId tenant) {
        return usage.of(tenant).map(found -> new DiskUsage(found.layersSize(), found.rows().stream()
                .map(row -> mapper.summary(row.image(), row.sharedSize(), row.containers())).toList(),
                found.buildCache().stream().map(entry -> new BuildCacheRecord(entry.id(), "", "regular",
                        entry.description(), false, entry.shared(), entry.size(),
                        io.berth.kit.api.DockerTimes.rfc3339Nano(entry.createdAt()), null, 0)).toList(),
                // dockerd's BuilderSize counts what is not shared with images: what a prune could free.
                found.buildCache().stream().filter(entry -> !entry.shared()).mapToLong(BuildCacheUsage.Entry::size).sum()));
    }

    /**
     * The image a container's {@code Config.Image} names, with what the container needs of it. The reference is a
     * query parameter, so its slashes and colons need no path tricks.
     */
    @GET
    @Path("/resolve")
    public Uni<ImageResolution> resolve(@HeaderParam(InternalHeaders.TENANT) @DefaultValue("") TenantId tenant,
            @QueryParam("reference") String reference, @QueryParam("user") String user) {
        if (reference == null || reference.isEmpty()) {
            return Uni.createFrom().failure(new InvalidParameterException("reference must name an image"));
        }
        return images.resolve(tenant, reference).flatMap(resolved -> users.of(tenant, resolved.image(), user)
                .map(process -> mapper.resolution(resolved, process)));
    }
}
