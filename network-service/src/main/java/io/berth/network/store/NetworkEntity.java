package io.berth.network.store;

import io.berth.kit.store.StringMapJson;
import io.berth.network.Ipam;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One network row: a tenant's network, predefined or user-made, with its driver, IPAM and options. */
@Entity
@Table(name = "network")
public class NetworkEntity extends PanacheEntityBase {
    /** 64 hex digits, random, kept for the network's life. */
    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String driver;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public boolean internal;

    @Column(nullable = false)
    public boolean attachable;

    @Column(name = "enable_ipv4", nullable = false)
    public boolean enableIpv4;

    @Column(name = "enable_ipv6", nullable = false)
    public boolean enableIpv6;

    @Convert(converter = IpamJson.class)
    @Column(name = "ipam_json", nullable = false)
    public Ipam ipam = Ipam.none();

    @Convert(converter = StringMapJson.class)
    @Column(name = "options_json", nullable = false)
    public Map<String, String> options = new LinkedHashMap<>();

    @Convert(converter = StringMapJson.class)
    @Column(name = "labels_json", nullable = false)
    public Map<String, String> labels = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The Linux bridge of a bridge network on the node (at most 15 characters); null for host and none. */
    @Column
    public String bridge;
}
