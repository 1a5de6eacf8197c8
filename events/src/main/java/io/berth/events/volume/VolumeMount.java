package io.berth.events.volume;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code io.berth.volume.mount}: a container that uses the volume started. The fields are Docker's
 * attributes of the action, under Docker's names ({@code read/write} included), so {@code /events} shows them as
 * dockerd does.
 */
public record VolumeMount(
        String id,
        String driver,
        String container,
        String destination,
        String propagation,
        @JsonProperty("read/write") boolean readWrite) {
}
