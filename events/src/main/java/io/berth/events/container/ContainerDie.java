package io.berth.events.container;

import java.util.Map;

/** Payload of {@code io.berth.container.die}: the container and the code its process exited with. */
public record ContainerDie(String id, String name, String image, Map<String, String> labels, int exitCode) {
    public ContainerDie {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
