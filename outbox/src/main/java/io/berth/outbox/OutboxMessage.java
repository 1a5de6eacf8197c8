package io.berth.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event waiting to be published, written in the same transaction as the state change it announces.
 * The outbox jar's Flyway location {@code db/outbox} creates the {@code outbox} table in the service's schema.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {
    /** Publication order: the relay sends rows in this order, so one resource's events stay in order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String topic;

    /** The Kafka record key: the resource id. */
    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** The CloudEvent, structured-mode JSON. */
    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
