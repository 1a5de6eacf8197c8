package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A container of a tenant and the image it is made of, as container events told it. */
@Entity
@Table(name = "image_user")
@IdClass(ImageUserEntity.Key.class)
public class ImageUserEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    @Column(name = "container_id")
    public String containerId;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    /** Whether its last event was a start (a running container's image cannot be removed, even by force). */
    @Column(nullable = false)
    public boolean running;

    /** The primary key: tenant and container id. */
    public static class Key implements java.io.Serializable {
        public String tenant;
        public String containerId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(tenant, key.tenant)
                    && java.util.Objects.equals(containerId, key.containerId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, containerId);
        }
    }
}
