package io.berth.image.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A tenant's tags. */
@ApplicationScoped
public class TagRepository implements PanacheRepositoryBase<TagEntity, TagKey> {

    public Uni<TagEntity> byName(TenantId tenant, String repository, String tag) {
        return find("tenant = ?1 and repository = ?2 and tag = ?3", tenant.value(), repository, tag).firstResult();
    }

    public Uni<List<TagEntity>> listFor(TenantId tenant) {
        return list("tenant = ?1 order by repository, tag", tenant.value());
    }

    public Uni<List<TagEntity>> forImage(TenantId tenant, String imageId) {
        return list("tenant = ?1 and imageId = ?2 order by repository, tag", tenant.value(), imageId);
    }

    public Uni<List<TagEntity>> inRepository(TenantId tenant, String repository) {
        return list("tenant = ?1 and repository = ?2 order by tag", tenant.value(), repository);
    }

    /** Adds the tag unless the tenant has that {@code repository:tag} already; true when this call added it. */
    public Uni<Boolean> addIfAbsent(TagEntity tag) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO tag (tenant, repository, tag, image_id, tagged_at)
                VALUES (:tenant, :repository, :tag, :imageId, :taggedAt)
                ON CONFLICT ON CONSTRAINT tag_pk DO NOTHING""")
                .setParameter("tenant", tag.tenant)
                .setParameter("repository", tag.repository)
                .setParameter("tag", tag.tag)
                .setParameter("imageId", tag.imageId)
                .setParameter("taggedAt", tag.taggedAt)
                .executeUpdate())
                .map(rows -> rows > 0);
    }

    /** Points {@code repository:tag} at the image, creating the tag or moving it from the image it named. */
    public Uni<Void> put(TagEntity tag) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO tag (tenant, repository, tag, image_id, tagged_at)
                VALUES (:tenant, :repository, :tag, :imageId, :taggedAt)
                ON CONFLICT ON CONSTRAINT tag_pk DO UPDATE SET image_id = EXCLUDED.image_id, tagged_at = EXCLUDED.tagged_at""")
                .setParameter("tenant", tag.tenant)
                .setParameter("repository", tag.repository)
                .setParameter("tag", tag.tag)
                .setParameter("imageId", tag.imageId)
                .setParameter("taggedAt", tag.taggedAt)
                .executeUpdate())
                .replaceWithVoid();
    }
}
