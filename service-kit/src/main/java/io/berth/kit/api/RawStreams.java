package io.berth.kit.api;

import io.berth.kit.errors.BerthException;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * What the raw Vert.x stream routes share (wait, attach and logs are not JAX-RS: their head must go out before the
 * body exists): the tenant of the call, a head sent at once, and Docker's error answer.
 */
public final class RawStreams {
    private static final Logger LOG = Logger.getLogger(RawStreams.class);

    private RawStreams() {
    }

    /** The tenant the gateway put on the call; 400 as {@code @RequiresTenant} answers when it is missing or bad. */
    public static TenantId tenant(RoutingContext context) {
        return TenantId.fromHeader(context.request().getHeader(InternalHeaders.TENANT));
    }

    /** Status 200 and headers, sent now: an empty chunk makes Vert.x write the head without a body byte. */
    public static HttpServerResponse sendHead(RoutingContext context, String contentType) {
        HttpServerResponse response = context.response();
        response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        response.write(Buffer.buffer());
        return response;
    }

    /**
     * Docker's error body with the failure's status; once the head is out the status cannot change, so the
     * connection is reset and the client sees the stream break.
     */
    public static void fail(RoutingContext context, Throwable failure) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            LOG.debugf("stream failed after its head was sent: %s", failure.getMessage());
            response.reset();
            return;
        }
        int status = failure instanceof BerthException berth ? berth.status() : 500;
        if (!(failure instanceof BerthException)) {
            LOG.error("stream endpoint failed", failure);
        } else if (status >= 500) {
            LOG.warnf("stream endpoint answered %d: %s", status, failure.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("message", message).encode());
    }
}
