package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One layer of an image of a tenant: its blob, diff id and unpacked size, at its position (0 = bottom). */
@Entity
@Table(name = "image_layer")
@IdClass(ImageLayerEntity.Key.class)
public class ImageLayerEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    @Id
    @Column(name = "image_id")
    public String imageId;

    @Id
    public int position;

    @Column(nullable = false)
    public String digest;

    @Column(name = "diff_id", nullable = false)
    public String diffId;

    @Column(nullable = false)
    public long size;

    /** The primary key: tenant, image id, position. */
    public static class Key implements java.io.Serializable {
        public String tenant;
        public String imageId;
        public int position;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(tenant, key.tenant)
                    && java.util.Objects.equals(imageId, key.imageId) && position == key.position;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, imageId, position);
        }
    }
}
