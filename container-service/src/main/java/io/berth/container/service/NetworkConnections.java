package io.berth.container.service;

import io.berth.container.ContainerNetworking;
import io.berth.container.clients.NetworkAttachment;
import io.berth.container.clients.NetworkClient;
import io.berth.container.clients.NetworkLease;
import io.berth.container.clients.Remote;
import io.berth.container.clients.Worker;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.ForbiddenException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code docker network connect} and {@code disconnect}, which change a container's networks as dockerd's do: a
 * container that does not run only has its settings changed (they apply at its next start, so compose can connect
 * a created container); a running one gets or loses the endpoint at once, from network-service and the worker.
 *
 * @see <a href="https://github.com/moby/moby/blob/v27.5.1/daemon/container_operations.go">moby ConnectToNetwork</a>
 */
@ApplicationScoped
public class NetworkConnections {
    private final ContainerLookup lookup;
    private final ContainerRepository containers;
    private final NetworkAttachments attachments;
    private final NetworkClient networks;
    private final Worker worker;

    NetworkConnections(ContainerLookup lookup, ContainerRepository containers, NetworkAttachments attachments,
            @RestClient NetworkClient networks, Worker worker) {
        this.lookup = lookup;
        this.containers = containers;
        this.attachments = attachments;
        this.networks = networks;
        this.worker = worker;
    }

    /** Connects the container (a name, id or prefix) to the network with those endpoint settings. */
    public Uni<Void> connect(TenantId tenant, String containerRef, String network,
            ContainerNetworking.EndpointSettings settings) {
        return lookup.find(tenant, containerRef).flatMap(container -> {
            StoredNetworking stored = attachments.read(container);
            refuseSharedOrHost(stored, container);
            ContainerNetworking one = new ContainerNetworking(network, java.util.Map.of(network, settings), null, null,
                    false, null, null, null, null, null);
            return attachments.resolve(tenant, one).flatMap(resolved -> {
                StoredNetworking.Network joining = resolved.networks().getFirst();
                if (container.hasLiveRun()) {
                    if (stored.networks().stream().anyMatch(n -> n.id().equals(joining.id()))) {
                        throw new ForbiddenException("endpoint with name " + container.name + " already exists in network "
                                + joining.name());
                    }
                    return connectLive(tenant, container, joining);
                }
                List<StoredNetworking.Network> on = new ArrayList<>(stored.networks().stream()
                        .filter(n -> !n.id().equals(joining.id())).toList());
                on.add(joining);
                return save(container.id, stored.withNetworks(on), null);
            });
        });
    }

    /** Disconnects the container from the network; 409 in dockerd's words when it is not on it. */
    public Uni<Void> disconnect(TenantId tenant, String containerRef, String network) {
        return lookup.find(tenant, containerRef).flatMap(container -> {
            StoredNetworking stored = attachments.read(container);
            refuseSharedOrHost(stored, container);
            StoredNetworking.Network leaving = stored.networks().stream()
                    .filter(n -> n.id().equals(network) || n.name().equals(network) || n.id().startsWith(network))
                    .findFirst().orElseThrow(() -> new ConflictException("container " + container.id
                            + " is not connected to the network " + network));
            List<StoredNetworking.Network> rest = stored.networks().stream().filter(n -> !n.id().equals(leaving.id())).toList();
            if (!container.hasLiveRun()) {
                return save(container.id, stored.withNetworks(rest), null);
            }
            return Remote.guard(NetworkAttachments.NETWORK_SERVICE, worker.disconnect(tenant, container.id, leaving.id())
                    .chain(() -> networks.disconnect(tenant.value(), container.id, leaving.id())))
                    .chain(() -> save(container.id, stored.withNetworks(rest),
                            NetworkAttachments.without(attachments.leaseOf(container), leaving.id())));
        });
    }

    private Uni<Void> connectLive(TenantId tenant, ContainerEntity container, StoredNetworking.Network joining) {
        NetworkClient.ConnectRequest request = new NetworkClient.ConnectRequest(container.name, container.run(),
                new NetworkClient.EndpointRequest(joining.id(), joining.aliases(), joining.ipv4(), joining.mac()));
        return Remote.guard(NetworkAttachments.NETWORK_SERVICE, networks.connect(tenant.value(), container.id, joining.id(), request))
                .flatMap(attachment -> worker.connect(tenant, container.id, attachment)
                        .onFailure().call(failure -> networks.disconnect(tenant.value(), container.id, joining.id())
                                .onFailure().recoverWithNull())
                        .replaceWith(attachment))
                .flatMap((NetworkAttachment attachment) -> {
                    StoredNetworking stored = attachments.read(container);
                    List<StoredNetworking.Network> on = new ArrayList<>(stored.networks());
                    on.add(joining);
                    return save(container.id, stored.withNetworks(on),
                            NetworkAttachments.with(attachments.leaseOf(container), attachment));
                });
    }

    private static void refuseSharedOrHost(StoredNetworking stored, ContainerEntity container) {
        if (stored.requested().isContainer()) {
            throw new ForbiddenException("container sharing network namespace with another container or host cannot be"
                    + " connected to any other network");
        }
        if (stored.requested().isHost()) {
            throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
        }
        if (stored.requested().isNone()) {
            throw new ForbiddenException("container cannot be connected to multiple networks with one of the networks in"
                    + " private (none) mode");
        }
        if (container.state() == io.berth.container.ContainerState.REMOVING) {
            throw new ConflictException("Container " + container.id + " is marked for removal and cannot be connected or"
                    + " disconnected to the network");
        }
    }

    private Uni<Void> save(String id, StoredNetworking changed, NetworkLease lease) {
        return Panache.withTransaction(() -> containers.lock(id).invoke(row -> {
            if (row == null) {
                throw new InternalException("container " + id + " went away while its networks changed");
            }
            row.networkingJson = attachments.write(changed);
            if (lease != null) {
                row.leaseJson = attachments.write(lease);
            }
        })).replaceWithVoid();
    }
}
