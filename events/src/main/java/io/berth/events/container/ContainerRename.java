package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.rename}: the container under its new name, and its old name with Docker's
 * leading slash ({@code oldName}), as dockerd reports it.
 */
public record ContainerRename(String id, String name, String image, Map<String, String> labels, String oldName) {
    public ContainerRename {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
