package io.berth.kit.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * What the raw Vert.x stream routes share (wait, attach and logs are not JAX-RS: their head must go out before the
 * body exists). Their tenant comes from {@link io.berth.kit.tenant.TenantGuard}, their errors go out through
 * {@link io.berth.kit.errors.ErrorAnswers}.
 */
public final class RawStreams {
    private RawStreams() {
    }

    /** Status 200 and headers, sent now: an empty chunk makes Vert.x write the head without a body byte. */
    public static HttpServerResponse sendHead(RoutingContext context, String contentType) {
        HttpServerResponse response = context.response();
        response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        response.write(Buffer.buffer());
        return response;
    }
}
