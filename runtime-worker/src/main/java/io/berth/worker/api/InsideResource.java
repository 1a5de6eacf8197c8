package io.berth.worker.api;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.ContainerDiff;
import io.berth.worker.inside.LookingInside;
import io.berth.worker.inside.ProcessTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * A container's inside, read on the node (docs/internal-api.md): its processes, its change as {@code docker diff}
 * lists it, one reading of its cgroup's counters. Blocking, like {@link RunResource}.
 */
@Path("/containers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InsideResource {
    private final LookingInside inside;
    private final ContainerDiff diffs;

    InsideResource(LookingInside inside, ContainerDiff diffs) {
        this.inside = inside;
        this.diffs = diffs;
    }

    /** The node's ps with {@code ps_args}, kept to the live run's processes; 409 when none lives. */
    @GET
    @Path("/top")
    public ProcessTable.Top top(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id,
            @QueryParam("ps_args") String psArgs) {
        return inside.top(tenant, id, psArgs);
    }

    /** The container's change to its image, path by path. */
    @GET
    @Path("/changes")
    public List<ContainerDiff.Change> changes(@HeaderParam(InternalHeaders.TENANT) TenantId tenant,
            @PathParam("id") String id) {
        return diffs.changes(tenant, id);
    }

    /** One reading of the live run's cgroup counters in Docker's stats shape; 409 when no run lives. */
    @GET
    @Path("/stats")
    public Map<String, Object> stats(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("id") String id) {
        return inside.stats(tenant, id);
    }
}
