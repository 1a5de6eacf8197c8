package io.berth.events.volume;

/**
 * Payload of {@code io.berth.volume.create} and {@code destroy}. {@code id} is the volume's name, which is its id in
 * Docker's API (the event's subject too); Docker's attributes of these actions are the driver alone.
 */
public record VolumeEvent(String id, String driver) {
}
