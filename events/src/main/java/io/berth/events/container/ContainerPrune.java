package io.berth.events.container;

/** Payload of {@code io.berth.container.prune}: how many bytes a prune freed (Docker's {@code reclaimed} attribute). */
public record ContainerPrune(long reclaimed) {
}
