package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A blob linked to a repository of Berth's registry: readable through it, and nameable by its manifests. */
@Entity
@Table(name = "registry_blob")
@IdClass(RepositoryDigestKey.class)
public class RegistryBlobEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    public String repository;

    @Id
    public String digest;

    @Column(nullable = false)
    public long size;

    @Column(name = "linked_at", nullable = false)
    public Instant linkedAt;
}
