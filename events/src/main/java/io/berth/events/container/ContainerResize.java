package io.berth.events.container;

import java.util.Map;

/** Payload of {@code io.berth.container.resize}: the container and its terminal's new size, as dockerd reports it. */
public record ContainerResize(String id, String name, String image, Map<String, String> labels, int height, int width) {
    public ContainerResize {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
