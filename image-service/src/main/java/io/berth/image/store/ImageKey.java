package io.berth.image.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of an image row: tenant and image id. */
public class ImageKey implements Serializable {
    public String tenant;
    public String id;

    public ImageKey() {
    }

    public ImageKey(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageKey key && Objects.equals(tenant, key.tenant) && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, id);
    }
}
