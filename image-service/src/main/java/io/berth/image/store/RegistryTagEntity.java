package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tag of a repository of Berth's registry, naming one of its manifests. */
@Entity
@Table(name = "registry_tag")
@IdClass(RegistryTagEntity.Key.class)
public class RegistryTagEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    public String repository;

    @Id
    public String tag;

    @Column(nullable = false)
    public String digest;

    @Column(name = "tagged_at", nullable = false)
    public Instant taggedAt;

    /** The primary key: tenant, repository, tag. */
    public static class Key implements java.io.Serializable {
        public String tenant;
        public String repository;
        public String tag;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(tenant, key.tenant)
                    && java.util.Objects.equals(repository, key.repository) && java.util.Objects.equals(tag, key.tag);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, repository, tag);
        }
    }
}
