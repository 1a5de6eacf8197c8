package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Docker's {@code ContainerCreateResponse}. */
public record ContainerCreateResponse(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
}
