package io.berth.events.container;

import java.util.Map;

/**
 * Payload of {@code io.berth.container.exec_create}, {@code exec_start}, {@code exec_die} and {@code exec_detach}: the
 * container, the exec session's id and its command as dockerd joins it (entrypoint, a space, the arguments joined by
 * spaces), and for {@code exec_die} the exit code (null otherwise).
 */
public record ContainerExec(String id, String name, String image, Map<String, String> labels, String execId,
        String command, Integer exitCode) {
    public ContainerExec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
