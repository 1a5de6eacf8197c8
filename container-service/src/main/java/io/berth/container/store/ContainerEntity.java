package io.berth.container.store;

import io.berth.container.ContainerState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One container row. Config and HostConfig are kept as the JSON Berth accepted, so inspect returns them as sent. */
@Entity
@Table(name = "container")
public class ContainerEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    /** The image as the client named it. */
    @Column(nullable = false)
    public String image;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Column(name = "host_config_json", nullable = false)
    public String hostConfigJson;

    /** Entrypoint and Cmd as resolved against the image: what the process runs. */
    @Column(name = "command_json", nullable = false)
    public String commandJson;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContainerState state;

    @Column(name = "exit_code", nullable = false)
    public int exitCode;

    @Column(nullable = false)
    public int pid;

    /** How many times it was started; the worker's exit reports name the run they end. */
    @Column(nullable = false)
    public long run;

    /** Why the last start failed, as Docker keeps it in {@code State.Error}. */
    @Column(nullable = false)
    public String error = "";

    @Column(name = "auto_remove", nullable = false)
    public boolean autoRemove;

    @Column(nullable = false)
    public String node;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
