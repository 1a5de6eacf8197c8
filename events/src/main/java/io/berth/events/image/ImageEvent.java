package io.berth.events.image;

import java.util.Map;

/**
 * Payload of every image action. {@code id} is what Docker shows as the actor: the image id for tag, untag, delete,
 * import, load and save, the reference for pull and push (moby daemon/images LogImageEvent calls). {@code name} is
 * Docker's {@code name} attribute (the new reference for tag, the repository for pull and push, the id otherwise);
 * {@code labels} are the image's labels, which Docker copies into {@code Actor.Attributes}.
 */
public record ImageEvent(String id, String name, Map<String, String> labels) {
    public ImageEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
