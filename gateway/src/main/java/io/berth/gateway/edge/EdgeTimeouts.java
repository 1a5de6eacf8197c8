package io.berth.gateway.edge;

import io.berth.gateway.config.GatewayConfig;
import io.netty.channel.ChannelPipeline;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The public port's time limits (idle, head, body; {@link ConnectionWatch}) and where they are put in place.
 *
 * <p>Vert.x's own {@code idleTimeout} counts any silence, so it would cut a {@code wait} or an {@code events} stream
 * that has nothing to say; and Quarkus gives no hook when a connection is accepted. So the watch is put on a
 * connection with its first request, and until then Vert.x's idle handler stands guard with a <em>write</em> idle
 * time of {@code headTimeout}: nothing is written to a new connection before its first answer, so that limit runs
 * from the accept, however slowly the client sends, and the watch replaces it as soon as the first head is in.
 */
@ApplicationScoped
public class EdgeTimeouts implements HttpServerOptionsCustomizer {
    /** Vert.x's name for its idle handler in an HTTP/1.1 pipeline ({@code HttpServerWorker}). */
    private static final String VERTX_IDLE = "idle";
    /** Vert.x's name for its connection handler, the end of the pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private final GatewayConfig.Edge limits;

    EdgeTimeouts(GatewayConfig config) {
        this.limits = config.edge();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(0)
                .setReadIdleTimeout(0)
                .setWriteIdleTimeout((int) limits.headTimeout().toMillis());
    }

    /** Puts {@code request}'s connection under watch, or tells its watch which request is now in progress. */
    public void watch(HttpServerRequest request) {
        if (!(request.connection() instanceof Http1xServerConnection connection)) {
            return;
        }
        ChannelPipeline pipeline = connection.channelHandlerContext().pipeline();
        if (pipeline.get(ConnectionWatch.NAME) instanceof ConnectionWatch watch) {
            watch.follow(request);
        } else if (pipeline.get(VERTX_IDLE) != null) {
            pipeline.replace(VERTX_IDLE, ConnectionWatch.NAME, new ConnectionWatch(limits, request));
        } else {
            pipeline.addBefore(VERTX_HANDLER, ConnectionWatch.NAME, new ConnectionWatch(limits, request));
        }
    }
}
