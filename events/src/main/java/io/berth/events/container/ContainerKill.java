package io.berth.events.container;

import java.util.Map;

/** Payload of {@code io.berth.container.kill}: the container and the signal sent, by number as Docker reports it. */
public record ContainerKill(String id, String name, String image, Map<String, String> labels, int signal) {
    public ContainerKill {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
