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
@IdClass(RegistryBlobEntity.Key.class)
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

    /** The primary key: tenant, repository, digest. */
    public static class Key implements java.io.Serializable {
        public String tenant;
        public String repository;
        public String digest;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(tenant, key.tenant)
                    && java.util.Objects.equals(repository, key.repository) && java.util.Objects.equals(digest, key.digest);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, repository, digest);
        }
    }
}
