package io.berth.network.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A running container's endpoint on one network: the address, MAC and DNS aliases it holds there. */
@Entity
@Table(name = "endpoint")
public class EndpointEntity extends PanacheEntityBase {
    /** 64 hex digits, random, as dockerd's endpoint ids. */
    @Id
    public String id;

    @Column(name = "network_id", nullable = false)
    public String networkId;

    @Column(name = "container_id", nullable = false)
    public String containerId;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String node;

    @Column(name = "container_name", nullable = false)
    public String containerName;

    /** The container's run this endpoint was made for; a run's end releases only its own endpoints. */
    @Column(nullable = false)
    public long run;

    @Column(nullable = false)
    public String ipv4;

    @Column(nullable = false)
    public String mac;

    /** DNS names besides the container's own name, JSON text. */
    @Column(name = "aliases_json", nullable = false)
    public String aliasesJson = "[]";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
