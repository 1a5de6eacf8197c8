package io.berth.events.network;

/**
 * Payload of {@code io.berth.network.create} and {@code destroy}: the network, named as dockerd names it in
 * {@code Actor.Attributes} ({@code name}, and {@code type} for the driver).
 */
public record NetworkEvent(String id, String name, String type) {
}
