package io.berth.image.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a tag row: tenant, repository and tag. */
public class TagKey implements Serializable {
    public String tenant;
    public String repository;
    public String tag;

    public TagKey() {
    }

    public TagKey(String tenant, String repository, String tag) {
        this.tenant = tenant;
        this.repository = repository;
        this.tag = tag;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagKey key && Objects.equals(tenant, key.tenant) && Objects.equals(repository, key.repository)
                && Objects.equals(tag, key.tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, repository, tag);
    }
}
