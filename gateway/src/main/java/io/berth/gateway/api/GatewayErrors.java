package io.berth.gateway.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Docker's error answer, written by the gateway itself: {@code {"message": ...}} as exactly
 * {@code application/json}, the only content type the Go client parses errors from (surface §1.5).
 */
public final class GatewayErrors {
    private GatewayErrors() {
    }

    public static void send(HttpServerResponse response, int status, String message) {
        if (response.headWritten()) {
            // Too late for a status: the stream already began; cutting it is the only honest answer.
            response.reset();
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("message", message).encode());
    }
}
