package io.berth.container.store;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Finds a tenant's containers the way Docker resolves a reference: full id, then name, then a unique id prefix. */
@ApplicationScoped
public class ContainerRepository implements PanacheRepositoryBase<ContainerEntity, String> {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    /** The container the reference names, or Docker's 404 {@code No such container: <ref>}. */
    public Uni<ContainerEntity> resolve(TenantId tenant, String ref) {
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        return find("tenant = ?1 and (id = ?2 or name = ?3)", tenant.value(), ref, name).list()
                .flatMap(exact -> {
                    if (!exact.isEmpty()) {
                        // An exact id wins over a name, as in moby's daemon.GetContainer.
                        return Uni.createFrom().item(exact.stream().filter(c -> c.id.equals(ref)).findFirst().orElse(exact.get(0)));
                    }
                    if (!HEX.matcher(ref).matches()) {
                        return Uni.createFrom().failure(noSuch(ref));
                    }
                    return find("tenant = ?1 and id like ?2", tenant.value(), ref + "%").list().map(byPrefix -> unique(ref, byPrefix));
                });
    }

    /**
     * The row, locked for this transaction ({@code SELECT … FOR UPDATE}): every move of a container's state is made
     * under it, so two calls never move one container at once. Null when the row is gone.
     */
    public Uni<ContainerEntity> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<ContainerEntity>> listFor(TenantId tenant) {
        return list("tenant = ?1 order by createdAt desc", tenant.value());
    }

    /** Every tenant's containers on a node, for the reconciler. */
    public Uni<List<ContainerEntity>> onNode(String node) {
        return list("node", node);
    }

    /** Rows whose removal began before {@code before} and has not finished: a crash or an unreachable worker. */
    public Uni<List<ContainerEntity>> removalsPendingSince(Instant before) {
        return list("state = io.berth.container.ContainerState.REMOVING and stateChangedAt < ?1", before);
    }

    public Uni<ContainerEntity> byName(TenantId tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant.value(), name).firstResult();
    }

    /**
     * Deletes the row with a query, not {@code session.remove}: Hibernate Reactive's delete coordinator keeps state
     * per entity type that concurrent removals share, and one of them then never commits (hibernate-reactive#1713;
     * {@code docker rm -f a b c} hung on it).
     */
    public Uni<Void> deleteRow(String id) {
        return delete("id", id).replaceWithVoid();
    }

    private static ContainerEntity unique(String ref, List<ContainerEntity> matches) {
        if (matches.isEmpty()) {
            throw noSuch(ref);
        }
        if (matches.size() > 1) {
            throw new InvalidParameterException("multiple IDs found with provided prefix: " + ref);
        }
        return matches.get(0);
    }

    public static NotFoundException noSuch(String ref) {
        return new NotFoundException("No such container: " + ref);
    }
}
