package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.image.service.BuildCachePrune;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code POST /build/prune} ({@code docker builder prune}): the tenant's build cache forgotten, Docker's
 * {@code BuildCachePruneReport}. {@code all} is taken (Berth's cache has no entries it would keep without it);
 * {@code filters} and {@code keep-storage} are refused until they are honoured.
 */
@Path("/build")
public class BuildResource {
    private final BuildCachePrune prune;

    BuildResource(BuildCachePrune prune) {
        this.prune = prune;
    }

    /** Docker's {@code BuildCachePruneReport}. */
    public record PruneReport(@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("CachesDeleted") List<String> deleted,
            @JsonProperty("SpaceReclaimed") long reclaimed) {
    }

    @POST
    @Path("/prune")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PruneReport> prune(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @QueryParam("filters") String filters,
            @QueryParam("keep-storage") String keepStorage, @QueryParam("all") String all) {
        if (filters != null && !filters.isBlank() && !filters.equals("{}")) {
            throw new InvalidParameterException("Berth does not honour build cache prune filters yet (filters=" + filters + ")");
        }
        if (keepStorage != null && !keepStorage.isBlank() && !keepStorage.equals("0")) {
            throw new InvalidParameterException("Berth does not honour keep-storage yet (keep-storage=" + keepStorage + ")");
        }
        return prune.prune(tenant).map(pruned -> new PruneReport(pruned.keys().isEmpty() ? null : pruned.keys(),
                pruned.freed()));
    }
}
