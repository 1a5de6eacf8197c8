package io.berth.image.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A tenant's images. */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<ImageEntity, ImageKey> {

    public Uni<ImageEntity> byId(TenantId tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant.value(), id).firstResult();
    }

    /** Images whose id starts with {@code sha256:<prefix>}; more than one means the prefix is ambiguous. */
    public Uni<List<ImageEntity>> byIdPrefix(TenantId tenant, String hexPrefix) {
        return find("tenant = ?1 and id like ?2", tenant.value(), "sha256:" + hexPrefix + "%").page(0, 2).list();
    }

    public Uni<List<ImageEntity>> listFor(TenantId tenant) {
        return list("tenant = ?1 order by created desc, id", tenant.value());
    }

    /** The tenant's images with these ids. */
    public Uni<List<ImageEntity>> byIds(TenantId tenant, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant.value(), ids);
    }

    public Uni<Long> countFor(TenantId tenant) {
        return count("tenant = ?1", tenant.value());
    }

    /**
     * Adds the image unless the tenant has it already; true when this call added it. Safe when two replicas add the
     * same image at once: the primary key decides, and the loser changes nothing.
     */
    public Uni<Boolean> addIfAbsent(ImageEntity image) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO image (tenant, id, manifest_digest, media_type, manifest, config_json, size, created, added_at)
                VALUES (:tenant, :id, :manifestDigest, :mediaType, :manifest, :configJson, :size, :created, :addedAt)
                ON CONFLICT ON CONSTRAINT image_pk DO NOTHING""")
                .setParameter("tenant", image.tenant)
                .setParameter("id", image.id)
                .setParameter("manifestDigest", image.manifestDigest)
                .setParameter("mediaType", image.mediaType)
                .setParameter("manifest", image.manifest)
                .setParameter("configJson", image.configJson)
                .setParameter("size", image.size)
                .setParameter("created", image.created)
                .setParameter("addedAt", image.addedAt)
                .executeUpdate())
                .map(rows -> rows > 0);
    }
}
