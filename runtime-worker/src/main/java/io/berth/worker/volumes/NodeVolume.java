package io.berth.worker.volumes;

/**
 * One volume directory on the node, as {@code GET /node/volumes} lists it: whose it is, where its data is, and its
 * size in bytes (files counted once however many links they have; -1 when the size was not asked for).
 */
public record NodeVolume(String tenant, String name, String mountpoint, long size) {
}
