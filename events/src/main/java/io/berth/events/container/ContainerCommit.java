package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.commit}: the container and what {@code docker commit} made of it, with
 * dockerd's attribute names: the comment, the new image's id and the reference it was tagged as ({@code ""} when none).
 */
public record ContainerCommit(String id, String name, String image, Map<String, String> labels, String comment,
        String imageID, String imageRef) {
    public ContainerCommit {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
