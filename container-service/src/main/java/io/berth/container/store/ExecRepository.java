package io.berth.container.store;

import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Finds a tenant's exec sessions by their full id, as dockerd's exec store does. */
@ApplicationScoped
public class ExecRepository implements PanacheRepositoryBase<ExecEntity, String> {
    /** The tenant's session, or dockerd's 404 {@code No such exec instance: <id>}. */
    public Uni<ExecEntity> owned(TenantId tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant.value(), id).firstResult()
                .onItem().ifNull().failWith(() -> noSuch(id));
    }

    /**
     * The ids of a container's sessions that are live (created or running) since {@code since}, its current run's
     * start: inspect's {@code ExecIDs}, oldest first.
     */
    public Uni<java.util.List<String>> liveIds(String containerId, java.time.Instant since) {
        return find("containerId = ?1 and state in ?2 and createdAt >= ?3 order by createdAt", containerId,
                java.util.List.of(ExecEntity.State.CREATED, ExecEntity.State.RUNNING), since)
                .project(IdOnly.class).list().map(rows -> rows.stream().map(IdOnly::id).toList());
    }

    /** The id column alone. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(String id) {
    }

    /** The row locked for this transaction: a session starts and ends under it. */
    public Uni<ExecEntity> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static NotFoundException noSuch(String id) {
        return new NotFoundException("No such exec instance: " + id);
    }
}
