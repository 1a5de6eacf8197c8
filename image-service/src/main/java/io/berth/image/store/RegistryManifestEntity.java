package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A manifest pushed to a repository of Berth's registry, exactly as pushed. */
@Entity
@Table(name = "registry_manifest")
@IdClass(RepositoryDigestKey.class)
public class RegistryManifestEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    public String repository;

    @Id
    public String digest;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(nullable = false)
    public byte[] content;

    /** The manifest this one refers to (OCI 1.1 {@code subject}), or null. */
    public String subject;

    /** What the referrers API lists it as: its {@code artifactType}, else its config's media type; may be null. */
    @Column(name = "artifact_type")
    public String artifactType;

    /** Its {@code annotations} as a JSON object, or null. */
    public String annotations;

    @Column(name = "pushed_at", nullable = false)
    public Instant pushedAt;
}
