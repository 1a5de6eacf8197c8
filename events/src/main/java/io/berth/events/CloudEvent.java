package io.berth.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvents 1.0 event as Berth publishes it: structured JSON mode, the tenant as an
 * extension attribute, the payload as JSON.
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md">CloudEvents 1.0</a>
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String tenant,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(time, "time");
    }

    /** A new event with a random id, stamped now. */
    public static CloudEvent of(String source, EventKind kind, String action, String subject, String tenant, Object payload) {
        return of(UUID.randomUUID().toString(), source, kind, action, subject, tenant, payload);
    }

    /** A new event with an id the caller chose, for facts that may be reported more than once. */
    public static CloudEvent of(String id, String source, EventKind kind, String action, String subject, String tenant,
            Object payload) {
        return new CloudEvent(id, source, kind.type(action), subject, Instant.now(), tenant,
                CloudEventCodec.toTree(payload));
    }

    /** The payload as one of the records in this module. */
    public <T> T dataAs(Class<T> type) {
        return CloudEventCodec.fromTree(data, type);
    }

    /** Kind and action read back from {@link #type()}; null for a type that is not Berth's. */
    public EventKind.TypedAction typedAction() {
        return EventKind.parse(type);
    }
}
