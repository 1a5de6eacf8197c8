package io.berth.network.endpoints;

/** A running container connected to one more network: its name, its current run and the endpoint's settings. */
public record ConnectRequest(String name, long run, EndpointRequest endpoint) {
}
