package io.berth.network.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import java.io.Serializable;

/** A host port of the node published to a running container's port. */
@Entity
@Table(name = "port_binding")
public class PortBindingEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    @Column(name = "container_id", nullable = false)
    public String containerId;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "container_port", nullable = false)
    public int containerPort;

    /** The container's run the port was published for; a run's end releases only its own. */
    @Column(nullable = false)
    public long run;

    /** Node, protocol, host address ({@code ""} for every one) and host port: each held once. */
    @Embeddable
    public record Key(
            @Column(nullable = false) String node,
            @Column(nullable = false) String protocol,
            @Column(name = "host_ip", nullable = false) String hostIp,
            @Column(name = "host_port", nullable = false) int hostPort) implements Serializable {
    }
}
