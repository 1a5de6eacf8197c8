package io.berth.image.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a registry row that a digest names in a repository: a manifest, or a blob link. */
public class RepositoryDigestKey implements Serializable {
    public String tenant;
    public String repository;
    public String digest;

    @Override
    public boolean equals(Object other) {
        return other instanceof RepositoryDigestKey key && Objects.equals(tenant, key.tenant)
                && Objects.equals(repository, key.repository) && Objects.equals(digest, key.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, repository, digest);
    }
}
