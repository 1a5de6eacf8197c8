package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One row of {@code GET /containers/json}, Docker's {@code ContainerSummary}. */
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("ImageID") String imageId,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("Ports") List<Object> ports,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("HostConfig") Map<String, String> hostConfig,
        @JsonProperty("NetworkSettings") Map<String, Object> networkSettings,
        @JsonProperty("Mounts") List<MountPointView> mounts) {
}
