package io.berth.events.container;

import java.util.Map;

/**
 * Payload of the container actions that carry nothing but the container itself: create, start, stop; read as this
 * type, every container payload shows its container (kill, die and destroy only add fields).
 *
 * <p>{@code labels} are the container's labels; Docker copies them into {@code Actor.Attributes}.
 */
public record ContainerEvent(String id, String name, String image, Map<String, String> labels) {
    public ContainerEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
