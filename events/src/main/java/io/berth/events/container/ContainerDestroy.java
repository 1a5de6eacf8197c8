package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.destroy}: the container and the exit code of its last run, which a
 * {@code wait?condition=removed} on another replica answers with. {@code removeVolumes} says the container's anonymous
 * volumes go with it ({@code docker rm -v}, or {@code --rm}), which volume-service does.
 */
public record ContainerDestroy(String id, String name, String image, Map<String, String> labels, int exitCode,
        boolean removeVolumes) {
    public ContainerDestroy {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A removal that keeps the container's volumes. */
    public ContainerDestroy(String id, String name, String image, Map<String, String> labels, int exitCode) {
        this(id, name, image, labels, exitCode, false);
    }
}
