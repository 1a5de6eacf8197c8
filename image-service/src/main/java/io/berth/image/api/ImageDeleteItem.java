package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker's ImageDeleteResponseItem, one line of {@code DELETE /images/{name}}: what was untagged, or deleted.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageDelete">ImageDelete</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDeleteItem(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {
}
