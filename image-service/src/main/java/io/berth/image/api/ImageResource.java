package io.berth.image.api;

import io.berth.image.service.ImageHistory;
import io.berth.image.service.ImagePrune;
import io.berth.image.service.ImageRemoval;
import io.berth.image.service.ImageService;
import io.berth.image.service.ImageTagging;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** The Docker image endpoints on one image or the list: list, inspect, history, tag, remove, prune, search. */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageService images;
    private final ImageMapper mapper;
    private final ImageHistory history;
    private final ImageTagging tagging;
    private final ImageRemoval removal;
    private final ImagePrune prune;

    ImageResource(ImageService images, ImageMapper mapper, ImageHistory history, ImageTagging tagging, ImageRemoval removal,
            ImagePrune prune) {
        this.images = images;
        this.mapper = mapper;
        this.history = history;
        this.tagging = tagging;
        this.removal = removal;
        this.prune = prune;
    }

    @GET
    @Path("/json")
    public Uni<List<ImageSummary>> list(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @QueryParam("filters") String filters) {
        return ImageFilter.of(DockerFilters.parse(filters), name -> images.inspect(tenant, name), Instant.now())
                .flatMap(filter -> images.list(tenant)
                        .map(all -> all.stream().filter(filter::matches).map(filter::shown).map(mapper::summary).toList()));
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

    @GET
    @Path("/{name: .+}/history")
    public Uni<List<HistoryItem>> history(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name) {
        return history.of(tenant, name).map(steps -> steps.stream().map(step -> new HistoryItem(step.id(), step.created(),
                step.createdBy(), step.tags(), step.size(), step.comment())).toList());
    }

    /** {@code docker tag}: 201 with no body, as dockerd answers. */
    @POST
    @Path("/{name: .+}/tag")
    public Uni<Response> tag(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @QueryParam("repo") String repo, @QueryParam("tag") String tag) {
        return tagging.tag(tenant, name, repo, tag).map(ignored -> Response.status(201).build());
    }

    /** {@code docker rmi}; {@code noprune} is taken and has nothing to do: Berth's images have no parent images. */
    @DELETE
    @Path("/{name: .+}")
    public Uni<List<ImageDeleteItem>> remove(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @QueryParam("force") String force, @QueryParam("noprune") String noprune) {
        return removal.remove(tenant, name, QueryFlags.isTrue(force))
                .map(removed -> removed.stream().map(line -> new ImageDeleteItem(line.untagged(), line.deleted())).toList());
    }

    /** {@code docker image prune [-a] [--filter until=|label=|label!=]}. */
    @POST
    @Path("/prune")
    public Uni<ImagePruneResponse> prune(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @QueryParam("filters") String filters) {
        return prune.prune(tenant, DockerFilters.parse(filters)).map(pruned -> new ImagePruneResponse(
                pruned.removed().isEmpty() ? null : pruned.removed().stream()
                        .map(line -> new ImageDeleteItem(line.untagged(), line.deleted())).toList(),
                pruned.reclaimed()));
    }

    /**
     * {@code docker search}: Berth has no image index (Docker Hub's v1 search is not reachable from a hosted node, and
     * the distribution API has none), so the search is refused with a message that says so rather than answered with
     * a list that looks like "nothing found".
     */
    @GET
    @Path("/search")
    public Uni<List<Object>> search(@QueryParam("term") String term) {
        throw new InvalidParameterException("Berth has no image index to search" + (term == null ? "" : " for " + term)
                + ": pull an image by its name (docker pull <registry>/<repository>:<tag>); a registry lists a"
                + " repository's tags at /v2/<repository>/tags/list");
    }
}
