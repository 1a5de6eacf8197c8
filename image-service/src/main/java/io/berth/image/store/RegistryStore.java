package io.berth.image.store;

import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The rows of Berth's registry: manifests, tags, blob links and uploads of each tenant's repositories. Must run
 * inside a session (reads) or a transaction (writes). Writes that two clients may race on (the same blob linked, the
 * same manifest pushed) insert or ignore, so the loser changes nothing and fails nothing.
 */
@ApplicationScoped
public class RegistryStore {

    public Uni<RegistryManifestEntity> manifest(TenantId tenant, String repository, String digest) {
        return RegistryManifestEntity.<RegistryManifestEntity>find("tenant = ?1 and repository = ?2 and digest = ?3",
                tenant.value(), repository, digest).firstResult();
    }

    public Uni<RegistryTagEntity> tag(TenantId tenant, String repository, String tag) {
        return RegistryTagEntity.<RegistryTagEntity>find("tenant = ?1 and repository = ?2 and tag = ?3",
                tenant.value(), repository, tag).firstResult();
    }

    /** Up to {@code limit} tag names after {@code last} (exclusive; null for the first), in byte order. */
    @SuppressWarnings("unchecked")
    public Uni<List<String>> tagNames(TenantId tenant, String repository, String last, int limit) {
        // COLLATE "C": the spec's "lexical order" is byte order, not the database locale's.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT tag FROM registry_tag WHERE tenant = :tenant AND repository = :repository
                AND (CAST(:last AS varchar) IS NULL OR tag COLLATE "C" > CAST(:last AS varchar) COLLATE "C")
                ORDER BY tag COLLATE "C" LIMIT :limit""", String.class)
                .setParameter("tenant", tenant.value()).setParameter("repository", repository)
                .setParameter("last", last).setParameter("limit", limit)
                .getResultList());
    }

    /** Whether the repository holds anything: a manifest, a tag or a blob link. */
    public Uni<Boolean> repositoryExists(TenantId tenant, String repository) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT EXISTS (SELECT 1 FROM registry_manifest WHERE tenant = :tenant AND repository = :repository)
                    OR EXISTS (SELECT 1 FROM registry_blob WHERE tenant = :tenant AND repository = :repository)""",
                Boolean.class)
                .setParameter("tenant", tenant.value()).setParameter("repository", repository)
                .getSingleResult());
    }

    public Uni<RegistryBlobEntity> blob(TenantId tenant, String repository, String digest) {
        return RegistryBlobEntity.<RegistryBlobEntity>find("tenant = ?1 and repository = ?2 and digest = ?3",
                tenant.value(), repository, digest).firstResult();
    }

    /** Which of {@code digests} are linked to the repository. */
    public Uni<List<String>> linkedOf(TenantId tenant, String repository, List<String> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return RegistryBlobEntity.<RegistryBlobEntity>list("tenant = ?1 and repository = ?2 and digest in ?3",
                tenant.value(), repository, digests).map(rows -> rows.stream().map(row -> row.digest).toList());
    }

    /** Which of {@code digests} are manifests of the repository. */
    public Uni<List<String>> manifestsOf(TenantId tenant, String repository, List<String> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return RegistryManifestEntity.<RegistryManifestEntity>list("tenant = ?1 and repository = ?2 and digest in ?3",
                tenant.value(), repository, digests).map(rows -> rows.stream().map(row -> row.digest).toList());
    }

    /** A link of the blob in any repository of the tenant, or null: what an automatic cross-repository mount uses. */
    public Uni<RegistryBlobEntity> linkedAnywhere(TenantId tenant, String digest) {
        return RegistryBlobEntity.<RegistryBlobEntity>find("tenant = ?1 and digest = ?2", tenant.value(), digest)
                .firstResult();
    }

    /** Links the blob to the repository; linking what is linked changes nothing. */
    public Uni<Void> link(TenantId tenant, String repository, String digest, long size) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO registry_blob (tenant, repository, digest, size, linked_at)
                VALUES (:tenant, :repository, :digest, :size, :now)
                ON CONFLICT ON CONSTRAINT registry_blob_pk DO NOTHING""")
                .setParameter("tenant", tenant.value()).setParameter("repository", repository)
                .setParameter("digest", digest).setParameter("size", size).setParameter("now", Instant.now())
                .executeUpdate()).replaceWithVoid();
    }

    /** Removes the blob's link; true when there was one. */
    public Uni<Boolean> unlink(TenantId tenant, String repository, String digest) {
        return RegistryBlobEntity.delete("tenant = ?1 and repository = ?2 and digest = ?3", tenant.value(), repository,
                digest).map(count -> count > 0);
    }

    /** Stores the manifest unless the repository has it (same digest, same bytes). */
    public Uni<Void> addManifest(RegistryManifestEntity manifest) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO registry_manifest (tenant, repository, digest, media_type, content, subject, artifact_type,
                    annotations, pushed_at)
                VALUES (:tenant, :repository, :digest, :mediaType, :content, :subject, :artifactType, :annotations, :now)
                ON CONFLICT ON CONSTRAINT registry_manifest_pk DO NOTHING""")
                .setParameter("tenant", manifest.tenant).setParameter("repository", manifest.repository)
                .setParameter("digest", manifest.digest).setParameter("mediaType", manifest.mediaType)
                .setParameter("content", manifest.content).setParameter("subject", manifest.subject)
                .setParameter("artifactType", manifest.artifactType).setParameter("annotations", manifest.annotations)
                .setParameter("now", manifest.pushedAt)
                .executeUpdate()).replaceWithVoid();
    }

    /** Points the tag at the manifest, creating or moving it. */
    public Uni<Void> tag(TenantId tenant, String repository, String tag, String digest) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO registry_tag (tenant, repository, tag, digest, tagged_at)
                VALUES (:tenant, :repository, :tag, :digest, :now)
                ON CONFLICT ON CONSTRAINT registry_tag_pk DO UPDATE SET digest = EXCLUDED.digest, tagged_at = EXCLUDED.tagged_at""")
                .setParameter("tenant", tenant.value()).setParameter("repository", repository)
                .setParameter("tag", tag).setParameter("digest", digest).setParameter("now", Instant.now())
                .executeUpdate()).replaceWithVoid();
    }

    /** Deletes the manifest and, by the foreign key, the tags naming it; true when there was one. */
    public Uni<Boolean> deleteManifest(TenantId tenant, String repository, String digest) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                DELETE FROM registry_manifest WHERE tenant = :tenant AND repository = :repository AND digest = :digest""")
                .setParameter("tenant", tenant.value()).setParameter("repository", repository)
                .setParameter("digest", digest).executeUpdate()).map(count -> count > 0);
    }

    /** Deletes the tag only; true when there was one. */
    public Uni<Boolean> deleteTag(TenantId tenant, String repository, String tag) {
        return RegistryTagEntity.delete("tenant = ?1 and repository = ?2 and tag = ?3", tenant.value(), repository, tag)
                .map(count -> count > 0);
    }

    /** The repository's manifests whose subject is {@code digest}, oldest first. */
    public Uni<List<RegistryManifestEntity>> referrers(TenantId tenant, String repository, String digest) {
        return RegistryManifestEntity.list("tenant = ?1 and repository = ?2 and subject = ?3 order by pushedAt, digest",
                tenant.value(), repository, digest);
    }

    public Uni<RegistryUploadEntity> upload(TenantId tenant, String repository, String id) {
        return RegistryUploadEntity.<RegistryUploadEntity>find("id = ?1 and tenant = ?2 and repository = ?3", id,
                tenant.value(), repository).firstResult();
    }

    public Uni<Void> addUpload(RegistryUploadEntity upload) {
        return upload.<RegistryUploadEntity>persist().replaceWithVoid();
    }

    /** Forgets the upload session; true when there was one. */
    public Uni<Boolean> deleteUpload(String id) {
        return RegistryUploadEntity.delete("id = ?1", id).map(count -> count > 0);
    }
}
