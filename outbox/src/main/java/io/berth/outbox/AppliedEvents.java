package io.berth.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers the event ids a consumer applied, in the consumer's own transaction, so a redelivered event changes
 * nothing. The outbox jar's Flyway location {@code db/outbox} creates the {@code applied_event} table.
 */
@ApplicationScoped
public class AppliedEvents {
    /** True the first time an id is seen in this schema; false for a repeat (then apply nothing). */
    public Uni<Boolean> firstTime(String eventId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO applied_event (event_id, applied_at) VALUES (:id, now()) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
