package io.berth.network.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Docker's answer to {@code POST /networks/create}: the new network's id, and an empty warning. */
public record NetworkCreateResponse(@JsonProperty("Id") String id, @JsonProperty("Warning") String warning) {
}
