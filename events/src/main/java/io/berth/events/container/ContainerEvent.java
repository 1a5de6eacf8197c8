package io.berth.events.container;

import java.util.Map;

/**
 * Payload of the container actions that carry nothing but the container itself: create, start, stop; read as this
 * type, every container payload shows its container (kill, die and destroy only add fields).
 *
 * <p>{@code labels} are the container's labels; Docker copies them into {@code Actor.Attributes}. {@code imageId} is
 * the id ({@code sha256:…}) of the image the container is made of, from which image-service learns which images are in
 * use; null in events written before it was added.
 */
public record ContainerEvent(String id, String name, String image, Map<String, String> labels, String imageId) {
    public ContainerEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Without the image id (events that need not say it). */
    public ContainerEvent(String id, String name, String image, Map<String, String> labels) {
        this(id, name, image, labels, null);
    }
}
