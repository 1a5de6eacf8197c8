package io.berth.events.network;

/**
 * Payload of {@code io.berth.network.connect} and {@code disconnect}: the network and the container whose endpoint
 * joined or left it, with dockerd's attribute names ({@code container}, {@code name}, {@code type} for the driver).
 */
public record NetworkEndpointEvent(String id, String name, String type, String container) {
}
