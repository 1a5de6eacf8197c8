package io.berth.container.service;

import io.berth.container.ContainerState;
import io.berth.container.events.ContainerEvents;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code docker rename}: a new name for a container, checked as dockerd checks it (moby daemon/rename.go) and
 * announced with its old name. A running container on a user network is refused for now: its name is its DNS name
 * there, and the network's resolver would keep answering the old one (dockerd renames the endpoint; Berth cannot yet).
 */
@ApplicationScoped
public class ContainerRenames {
    private final ContainerLookup lookup;
    private final ContainerRepository containers;
    private final NetworkAttachments attachments;
    private final ContainerEvents events;
    private final OutboxRelay relay;

    ContainerRenames(ContainerLookup lookup, ContainerRepository containers, NetworkAttachments attachments,
            ContainerEvents events, OutboxRelay relay) {
        this.lookup = lookup;
        this.containers = containers;
        this.attachments = attachments;
        this.events = events;
        this.relay = relay;
    }

    public Uni<Void> rename(TenantId tenant, String ref, String requested) {
        if (requested == null || requested.isEmpty() || ref == null || ref.isEmpty()) {
            return Uni.createFrom().failure(new InvalidParameterException("Neither old nor new names may be empty"));
        }
        String name;
        try {
            // dockerd puts the slash in front before it checks, so its words show it: (/bad name).
            name = ContainerNames.validate(requested.startsWith("/") ? requested : "/" + requested);
        } catch (InvalidParameterException e) {
            return Uni.createFrom().failure(new InvalidParameterException(
                    "Error when allocating new name: " + e.getMessage()));
        }
        return lookup.find(tenant, ref).flatMap(found -> Panache.withTransaction(() -> containers.lock(found.id)
                .flatMap(container -> {
                    if (container == null) {
                        return Uni.createFrom().<Void>failure(ContainerRepository.noSuch(ref));
                    }
                    if (container.name.equals(name)) {
                        return Uni.createFrom().<Void>failure(new InvalidParameterException(
                                "Renaming a container with the same name as its current name"));
                    }
                    if (container.state().isRunning() && onUserNetwork(container)) {
                        return Uni.createFrom().<Void>failure(new ConflictException("Berth cannot rename container "
                                + container.name + " while it runs on a user network yet (its DNS name there would"
                                + " stay the old one): stop it, rename it, start it"));
                    }
                    return containers.byName(tenant, name).flatMap(holder -> {
                        if (holder != null) {
                            return Uni.createFrom().<Void>failure(new ConflictException(
                                    "Error when allocating new name: Conflict. The container name \"/" + name
                                            + "\" is already in use by container \"" + holder.id
                                            + "\". You have to remove (or rename) that container to be able to reuse"
                                            + " that name."));
                        }
                        String oldName = container.name;
                        container.name = name;
                        return events.renamed(container, oldName);
                    });
                })))
                .invoke(relay::wakeUp);
    }

    private boolean onUserNetwork(ContainerEntity container) {
        return attachments.read(container).networks().stream().anyMatch(network -> network.userDefined());
    }
}
