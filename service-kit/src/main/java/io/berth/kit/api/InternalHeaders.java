package io.berth.kit.api;

/**
 * Headers the gateway sets on every internal call. Services trust them only because they are reachable from
 * inside the installation alone; a client's own value is always overwritten by the gateway.
 */
public final class InternalHeaders {
    /** The tenant the gateway resolved from the caller's credentials. */
    public static final String TENANT = "X-Berth-Tenant";
    /** The Docker API version of the call, with the {@code /v1.NN} prefix already stripped from the path. */
    public static final String API_VERSION = "X-Berth-Api-Version";

    private InternalHeaders() {
    }
}
