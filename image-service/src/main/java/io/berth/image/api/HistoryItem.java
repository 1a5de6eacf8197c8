package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker's HistoryResponseItem, one step of {@code GET /images/{name}/history}; {@code Tags} is null but on the
 * newest step.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageHistory">ImageHistory</a>
 */
public record HistoryItem(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") long created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Size") long size,
        @JsonProperty("Comment") String comment) {
}
