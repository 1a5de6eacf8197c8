package io.berth.container.clients;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One path of a container's change on its node: kind 0 changed, 1 added, 2 deleted (Docker's {@code FilesystemChange}). */
public record WorkerChange(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {
}
