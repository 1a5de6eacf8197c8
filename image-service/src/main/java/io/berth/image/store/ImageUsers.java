package io.berth.image.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which containers use which image. Must run inside a session (reads) or a transaction (writes). */
@ApplicationScoped
public class ImageUsers {

    /** Records a container of the image; a container seen again keeps its row. */
    public Uni<Void> add(TenantId tenant, String containerId, String imageId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO image_user (tenant, container_id, image_id, running) VALUES (:tenant, :container, :image, false)
                ON CONFLICT ON CONSTRAINT image_user_pk DO NOTHING""")
                .setParameter("tenant", tenant.value()).setParameter("container", containerId)
                .setParameter("image", imageId).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> running(TenantId tenant, String containerId, boolean running) {
        return ImageUserEntity.update("running = ?1 where tenant = ?2 and containerId = ?3", running, tenant.value(),
                containerId).replaceWithVoid();
    }

    public Uni<Void> remove(TenantId tenant, String containerId) {
        return ImageUserEntity.delete("tenant = ?1 and containerId = ?2", tenant.value(), containerId).replaceWithVoid();
    }

    /** The containers of the image, running ones first. */
    public Uni<List<ImageUserEntity>> of(TenantId tenant, String imageId) {
        return ImageUserEntity.list("tenant = ?1 and imageId = ?2 order by running desc, containerId", tenant.value(), imageId);
    }

    /** How many containers each of the tenant's images has. */
    public Uni<Map<String, Long>> counts(TenantId tenant) {
        return ImageUserEntity.<ImageUserEntity>list("tenant", tenant.value())
                .map(rows -> rows.stream().collect(Collectors.groupingBy(row -> row.imageId, Collectors.counting())));
    }
}
