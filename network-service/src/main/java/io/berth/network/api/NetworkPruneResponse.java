package io.berth.network.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Docker's {@code NetworkPruneResponse}: the names of the networks removed. */
public record NetworkPruneResponse(@JsonProperty("NetworksDeleted") List<String> networksDeleted) {
}
