package io.berth.events.container;

import java.util.Map;

/**
 * Payload of the container actions that carry nothing but the container itself: create, start, stop, kill, destroy.
 *
 * <p>{@code labels} are the container's labels; Docker copies them into {@code Actor.Attributes}.
 */
public record ContainerEvent(String id, String name, String image, Map<String, String> labels) {
    public ContainerEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
