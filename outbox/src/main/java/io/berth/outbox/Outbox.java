package io.berth.outbox;

import io.berth.events.CloudEvent;
import io.berth.events.CloudEventCodec;
import io.berth.events.EventKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Adds events to the outbox. Call it inside the transaction that makes the change the event announces, so that
 * both commit or neither does; then {@link OutboxRelay#wakeUp()} publishes without waiting for the next sweep.
 */
@ApplicationScoped
public class Outbox {
    private final TopicNames topics;

    Outbox(TopicNames topics) {
        this.topics = topics;
    }

    /** Persists the event in the current Hibernate Reactive session; fails for an event that is not Berth's. */
    public Uni<Void> add(CloudEvent event) {
        EventKind.TypedAction typed = event.typedAction();
        if (typed == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a Berth event type: " + event.type()));
        }
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.id();
        message.topic = topics.of(typed.kind());
        message.messageKey = event.subject() == null ? event.id() : event.subject();
        message.payload = CloudEventCodec.encode(event);
        message.createdAt = Instant.now();
        return message.persist().replaceWithVoid();
    }
}
