package io.berth.events.volume;

/** Payload of {@code io.berth.volume.prune}: how many bytes a prune freed (Docker's {@code reclaimed} attribute). */
public record VolumePrune(long reclaimed) {
}
