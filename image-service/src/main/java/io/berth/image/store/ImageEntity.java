package io.berth.image.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** One image of one tenant: its config (which its id is the digest of) and the manifest Berth's registry serves. */
@Entity
@Table(name = "image")
@IdClass(ImageKey.class)
public class ImageEntity extends PanacheEntityBase {
    @Id
    public String tenant;

    /** {@code sha256:<hex>} of the config blob. */
    @Id
    public String id;

    @Column(name = "manifest_digest", nullable = false)
    public String manifestDigest;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    /** The manifest's exact bytes. */
    @Column(nullable = false)
    public byte[] manifest;

    @Column(name = "config_json", nullable = false)
    public String configJson;

    /** The layers' size before compression. */
    @Column(nullable = false)
    public long size;

    /** When the image was made, as its config says. */
    @Column(nullable = false)
    public Instant created;

    /** When this tenant got it. */
    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}
