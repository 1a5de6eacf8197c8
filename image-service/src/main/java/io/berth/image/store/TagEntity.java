package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** {@code repository:tag} naming one image of a tenant. */
@Entity
@Table(name = "tag")
@IdClass(TagKey.class)
public class TagEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    /** Docker's familiar name: {@code busybox}, {@code localhost:5000/x}. */
    @Id
    public String repository;

    @Id
    public String tag;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(name = "tagged_at", nullable = false)
    public Instant taggedAt;

    /** {@code repository:tag}, as RepoTags lists it. */
    public String repoTag() {
        return repository + ":" + tag;
    }
}
