package io.berth.worker.api;

import io.berth.kit.api.QueryFlags;
import io.berth.worker.containers.NodeContainer;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.volumes.NodeVolume;
import io.berth.worker.volumes.NodeVolumes;
import io.berth.worker.network.NodeRoutes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Node-wide calls for Berth's own parts, with no tenant (service-kit's tenant guard lets {@code /node/} through):
 * what container-service and volume-service compare with their records to settle what a crash left (ARCHITECTURE
 * rule 10), and the node's routes network-service keeps its subnets clear of.
 */
@Path("/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
    private final RunStatuses statuses;
    private final NodeVolumes volumes;

    NodeResource(RunStatuses statuses, NodeVolumes volumes) {
        this.statuses = statuses;
        this.volumes = volumes;
    }

    /** Every container directory on this node with its tenant, name and last run. */
    @GET
    @Path("/containers")
    public List<NodeContainer> containers() {
        return statuses.list();
    }

    /**
     * Every volume directory on this node, of every tenant, for volume-service's reconciliation and {@code df}; with
     * {@code size=1} each one's size (every file is visited, so only {@code df} asks).
     */
    @GET
    @Path("/volumes")
    public List<NodeVolume> volumes(@QueryParam("size") String size) {
        return volumes.list(QueryFlags.isTrue(size));
    }

    /**
     * The destinations of the node's IPv4 routes but the default one, in CIDR notation: network-service gives no
     * network a subnet that overlaps one of them.
     */
    @GET
    @Path("/routes")
    public List<String> routes() {
        return NodeRoutes.current();
    }
}
