package io.berth.volume.store;

import io.berth.kit.store.StringMapJson;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One volume row: a tenant's named volume, its driver and where the node keeps its data. */
@Entity
@Table(name = "volume")
public class VolumeEntity extends PanacheEntityBase {
    /** A surrogate key; clients name a volume by (tenant, name) only. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String driver;

    @Column(nullable = false)
    public String mountpoint;

    @Convert(converter = StringMapJson.class)
    @Column(name = "labels_json", nullable = false)
    public Map<String, String> labels = new LinkedHashMap<>();

    /** The driver options given at create ({@code DriverOpts}), shown as {@code Options}. */
    @Convert(converter = StringMapJson.class)
    @Column(name = "options_json", nullable = false)
    public Map<String, String> options = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
