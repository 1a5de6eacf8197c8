package io.berth.events.volume;

/** Payload of {@code io.berth.volume.unmount}: a container that used the volume stopped. */
public record VolumeUnmount(String id, String driver, String container) {
}
