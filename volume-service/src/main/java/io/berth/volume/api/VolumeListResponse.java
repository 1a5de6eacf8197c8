package io.berth.volume.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker's {@code VolumeListResponse}. {@code Volumes} is always a list, never null: {@code docker volume ls} and
 * docker-py iterate it without a check.
 */
public record VolumeListResponse(
        @JsonProperty("Volumes") List<Volume> volumes,
        @JsonProperty("Warnings") List<String> warnings) {

    public VolumeListResponse {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
