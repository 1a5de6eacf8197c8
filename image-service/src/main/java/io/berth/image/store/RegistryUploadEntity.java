package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A blob upload session of Berth's registry; its bytes so far are a file named by its id. */
@Entity
@Table(name = "registry_upload")
public class RegistryUploadEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String repository;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
}
