package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.die}: the container, the code its process exited with, and the number of the
 * run that ended (container-service numbers the runs), so a consumer can tell the end of one run from the next
 * start's (network-service releases only that run's endpoints). {@code run} is 0 in events made before it was
 * carried.
 */
public record ContainerDie(String id, String name, String image, Map<String, String> labels, int exitCode, long run) {
    public ContainerDie {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A die whose run is not told. */
    public ContainerDie(String id, String name, String image, Map<String, String> labels, int exitCode) {
        this(id, name, image, labels, exitCode, 0);
    }
}
