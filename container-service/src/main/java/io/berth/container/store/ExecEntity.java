package io.berth.container.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One exec session row: the create's settings as Berth accepted them ({@code config_json}), and where the session is
 * in its short life: created, running (the worker started its process), exited (with its exit code).
 */
@Entity
@Table(name = "exec_session")
public class ExecEntity extends PanacheEntityBase {
    /** Where a session is: it starts once, and ends once. */
    public enum State {
        CREATED,
        RUNNING,
        EXITED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "container_id", nullable = false)
    public String containerId;

    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state = State.CREATED;

    /** Null until the session ended. */
    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(nullable = false)
    public int pid;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
