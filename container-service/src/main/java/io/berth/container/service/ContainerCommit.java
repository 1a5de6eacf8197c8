package io.berth.container.service;

import io.berth.container.ContainerState;
import io.berth.container.clients.ImageCommitClient;
import io.berth.container.clients.ImageCommitRequest;
import io.berth.container.clients.Remote;
import io.berth.container.events.ContainerEvents;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code docker commit}'s container side, as dockerd's {@code CreateImageFromContainer}: the container is found (its
 * removal refused), image-service makes the image from the container's change on its node, and the container's
 * {@code commit} event says which image came of it.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/commit.go">moby CreateImageFromContainer</a>
 */
@ApplicationScoped
public class ContainerCommit {
    private final ContainerLookup lookup;
    private final ImageCommitClient images;
    private final ContainerEvents events;
    private final OutboxRelay relay;

    ContainerCommit(ContainerLookup lookup, @RestClient ImageCommitClient images, ContainerEvents events,
            OutboxRelay relay) {
        this.lookup = lookup;
        this.images = images;
        this.events = events;
        this.relay = relay;
    }

    /** What the request asks besides the container: the image's configuration (null: the container's) and options. */
    public record Options(Object config, List<String> changes, String author, String comment, String repo, String tag,
            boolean pause) {
    }

    /**
     * Commits the container {@code ref} names; {@code containerConfig} gives its configuration in Docker's shape (the
     * inspect's). Answers the new image's id.
     */
    public Uni<String> commit(TenantId tenant, String ref, Options options, Function<ContainerEntity, Object> containerConfig) {
        return lookup.find(tenant, ref).flatMap(container -> {
            if (container.state() == ContainerState.REMOVING) {
                return Uni.createFrom().failure(new ConflictException(
                        "You cannot commit container " + container.id + " which is being removed"));
            }
            ImageCommitRequest request = new ImageCommitRequest(container.id, container.node, container.imageId,
                    container.image, containerConfig.apply(container), options.config(), options.changes(),
                    options.author(), options.comment(), options.repo(), options.tag(), options.pause());
            return Remote.guard("image-service", images.commit(tenant.value(), request))
                    .flatMap(made -> Panache.withTransaction(() -> events.committed(container, options.comment(),
                            made.id(), made.imageRef())).invoke(relay::wakeUp).replaceWith(made.id()));
        });
    }
}
