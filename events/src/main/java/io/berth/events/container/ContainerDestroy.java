package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.destroy}: the container and the exit code of its last run, which a
 * {@code wait?condition=removed} on another replica answers with.
 */
public record ContainerDestroy(String id, String name, String image, Map<String, String> labels, int exitCode) {
    public ContainerDestroy {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
