package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker's {@code ImagePruneResponse}: what was untagged and deleted ({@code null} when nothing, as dockerd answers)
 * and the bytes freed.
 */
public record ImagePruneResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("ImagesDeleted") List<ImageDeleteItem> imagesDeleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
