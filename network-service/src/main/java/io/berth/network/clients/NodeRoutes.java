package io.berth.network.clients;

import io.berth.kit.errors.UnavailableException;
import io.berth.network.ip.Cidr;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * What the node already routes, asked of its worker when a subnet is chosen: dockerd never gives a network a subnet
 * that overlaps one of the host's routes (its LAN, a VPN, another container platform's bridge).
 */
@ApplicationScoped
public class NodeRoutes {
    private static final Logger LOG = Logger.getLogger(NodeRoutes.class);
    private final WorkerClient worker;

    NodeRoutes(@RestClient WorkerClient worker) {
        this.worker = worker;
    }

    /** The node's IPv4 route destinations; 503 when the worker cannot be asked. */
    public Uni<List<Cidr>> current() {
        return worker.routes()
                .onFailure(ProcessingException.class).transform(e -> {
                    LOG.warnf("runtime worker is not reachable: %s", e.getMessage());
                    return new UnavailableException("Berth's runtime worker is not reachable to tell the node's routes;"
                            + " try again in a moment", e);
                })
                .map(routes -> routes.stream().map(Cidr::parse).filter(route -> !route.isIpv6()).toList());
    }
}
