package io.berth.image.api;

import io.berth.image.ImageReference;
import io.berth.image.service.ImageService;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /images/create}, which {@code docker pull} and {@code docker run} of an image not found locally call.
 * Berth cannot pull from registries yet, so it answers from its own store: "up to date" in Docker's progress stream
 * when the image is there, Docker's 404 with a message saying why otherwise.
 */
@Path("/images/create")
public class PullResource {
    private final ImageService images;

    PullResource(ImageService images) {
        this.images = images;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> pull(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @QueryParam("fromImage") String fromImage, @QueryParam("tag") String tag, @QueryParam("fromSrc") String fromSrc) {
        if (fromSrc != null && !fromSrc.isEmpty()) {
            return Uni.createFrom().failure(new InvalidParameterException("importing images (fromSrc) is not supported yet"));
        }
        if (fromImage == null || fromImage.isBlank()) {
            return Uni.createFrom().failure(new InvalidParameterException("fromImage must name the image to pull"));
        }
        String reference = reference(fromImage, tag);
        return images.inspect(tenant, reference)
                .onFailure(NotFoundException.class).transform(missing -> new NotFoundException(missing.getMessage()
                        + ": Berth cannot pull from registries yet, only images in its own store (docker images) can be used"))
                .map(found -> new JsonObject().put("status", "Status: Image is up to date for "
                        + ImageReference.parse(reference).withDefaultTag().familiarString()).encode() + "\r\n");
    }

    /** moby's postImagesCreate: the tag parameter is a tag, or a digest when it has the digest form. */
    static String reference(String fromImage, String tag) {
        if (tag == null || tag.isEmpty()) {
            return fromImage;
        }
        return fromImage + (tag.contains(":") ? "@" : ":") + tag;
    }
}
