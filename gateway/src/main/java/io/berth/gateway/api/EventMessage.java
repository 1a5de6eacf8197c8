package io.berth.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Docker's {@code EventMessage}, one line of {@code GET /events} (docker-engine-api-v1.47.yaml {@code EventMessage};
 * moby api/types/events/events.go). The deprecated {@code status}, {@code id} and {@code from} are written only where
 * dockerd writes them, which is why nulls are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMessage(
        @JsonProperty("status") String status,
        @JsonProperty("id") String id,
        @JsonProperty("from") String from,
        @JsonProperty("Type") String type,
        @JsonProperty("Action") String action,
        @JsonProperty("Actor") Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") long time,
        @JsonProperty("timeNano") long timeNano) {

    /** The resource the event is about: its id and its attributes (labels, name, image, ...). */
    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
        public Actor {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** One JSON object and a newline, as the stream carries it. */
    public String toLine() {
        return Wire.json(this) + "\n";
    }
}
