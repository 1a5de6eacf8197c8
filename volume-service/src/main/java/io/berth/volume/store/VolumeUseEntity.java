package io.berth.volume.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A container's use of a volume at one destination: made by the ensure call of the container's create, confirmed by
 * its create event, gone with its destroy event. While one exists the volume is in use.
 */
@Entity
@Table(name = "volume_use")
public class VolumeUseEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "volume_id", nullable = false)
    public Long volumeId;

    @Column(name = "container_id", nullable = false)
    public String containerId;

    @Column(nullable = false)
    public String destination;

    @Column(name = "read_write", nullable = false)
    public boolean readWrite;

    /** The mount's propagation as Docker's volume mount event shows it ({@code ""} unless set). */
    @Column(nullable = false)
    public String propagation = "";

    /**
     * The container's mount named no volume ({@code -v /path}, an image's {@code VOLUME}): the volume goes with the
     * container's {@code rm -v} or {@code --rm}, as dockerd removes only mount points whose spec had no source.
     */
    @Column(nullable = false)
    public boolean anonymous;

    /** The container's create event came: the container exists (or existed). */
    @Column(nullable = false)
    public boolean confirmed;

    @Column(name = "reserved_at", nullable = false)
    public Instant reservedAt;
}
