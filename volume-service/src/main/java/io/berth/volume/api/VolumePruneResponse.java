package io.berth.volume.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Docker's {@code VolumePruneResponse}: the names removed ({@code []} when none) and the bytes their data took. */
public record VolumePruneResponse(
        @JsonProperty("VolumesDeleted") List<String> volumesDeleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
