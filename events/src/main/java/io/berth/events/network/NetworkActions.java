package io.berth.events.network;

/** The network actions Berth publishes, with Docker's own words so that {@code /events} needs no mapping. */
public final class NetworkActions {
    public static final String CREATE = "create";
    public static final String CONNECT = "connect";
    public static final String DISCONNECT = "disconnect";
    public static final String DESTROY = "destroy";

    private NetworkActions() {
    }
}
