package io.berth.volume.clients;

import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.volume.VolumeName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The node that keeps the volumes' data; one node for now, so one worker. */
@ApplicationScoped
public class Node {
    private static final Logger LOG = Logger.getLogger(Node.class);
    private final NodeClient client;

    Node(@RestClient NodeClient client) {
        this.client = client;
    }

    /** Makes the volume's directory (idempotent); where its data is. */
    public Uni<String> create(TenantId tenant, VolumeName name, Map<String, String> options) {
        return guard(client.create(tenant.value(), name.value(), new NodeClient.CreateVolume(options)))
                .map(NodeClient.CreatedVolume::mountpoint);
    }

    /** Removes the volume's directory and data (idempotent). */
    public Uni<Void> delete(TenantId tenant, String name) {
        return guard(client.delete(tenant.value(), name));
    }

    /** Sizes of the tenant's volumes on the node, by name. */
    public Uni<Map<String, Long>> sizes(TenantId tenant) {
        return guard(client.volumes(true)).map(volumes -> sizesOf(tenant, volumes));
    }

    private static Map<String, Long> sizesOf(TenantId tenant, List<NodeClient.NodeVolume> volumes) {
        return volumes.stream().filter(volume -> volume.tenant().equals(tenant.value()))
                .collect(java.util.stream.Collectors.toMap(NodeClient.NodeVolume::name, NodeClient.NodeVolume::size));
    }

    /** Which part could not be reached, instead of a bare connection error; the cause goes to the log. */
    private static <T> Uni<T> guard(Uni<T> call) {
        return call.onFailure(ProcessingException.class).transform(e -> {
            LOG.warnf("the runtime worker is not reachable: %s", e.getMessage());
            return new UnavailableException("Berth's runtime worker is not reachable; try again in a moment", e);
        });
    }
}
