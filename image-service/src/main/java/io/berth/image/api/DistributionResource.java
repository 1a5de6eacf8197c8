package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.image.ImageReference;
import io.berth.image.pull.Platform;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RemoteImage;
import io.berth.image.service.ImagePull;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /distribution/{name}/json}: the descriptor a registry has for an image reference and the platforms it
 * offers, without pulling (docker-py's {@code images.get_registry_data}); {@code X-Registry-Auth} as for a pull, the
 * registry's refusals in dockerd's words.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Distribution">Distribution</a>
 */
@Path("/distribution")
public class DistributionResource {
    private final ImagePull pull;

    DistributionResource(ImagePull pull) {
        this.pull = pull;
    }

    /** moby's DistributionInspect. */
    public record Inspect(@JsonProperty("Descriptor") RemoteImage.Descriptor descriptor,
            @JsonProperty("Platforms") List<Map<String, Object>> platforms) {
    }

    @GET
    @Path("/{name: .+}/json")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Inspect> inspect(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @HeaderParam("X-Registry-Auth") String auth) {
        ImagePull.Request request = new ImagePull.Request(ImageReference.parse(name), Platform.host(),
                RegistryCredentials.fromHeader(auth));
        return pull.distribution(tenant, request).map(found -> new Inspect(found.descriptor(), found.platforms()));
    }
}
