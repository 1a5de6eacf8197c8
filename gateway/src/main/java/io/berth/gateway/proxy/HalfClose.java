package io.berth.gateway.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * Passes a client's half-close through a hijacked stream. When stdin ends, the docker CLI shuts down its sending side
 * ({@code CloseWrite}) and keeps reading the container's output (surface §3.1, docker/cli hijack.go); by default
 * Netty would take that for a full close and the output still on its way would be lost. Here the client's socket
 * stays open, and the end of its input becomes the end of the gateway's output towards the service. The service's
 * side keeps the default: when it is done, the whole tunnel closes.
 */
final class HalfClose {
    private HalfClose() {
    }

    /** From now on, a half-close by {@code client} shuts down the gateway's sending side towards {@code service}. */
    static void relay(NetSocket client, NetSocket service) {
        if (!(client instanceof NetSocketInternal from) || !(service instanceof NetSocketInternal to)) {
            return;
        }
        Channel in = from.channelHandlerContext().channel();
        Channel out = to.channelHandlerContext().channel();
        if (!(out instanceof DuplexChannel duplex)) {
            return;
        }
        in.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        from.eventHandler(event -> {
            if (event instanceof ChannelInputShutdownEvent) {
                // Behind every byte already handed to the service's channel (same event loop, in order).
                out.eventLoop().execute(() -> out.writeAndFlush(Unpooled.EMPTY_BUFFER)
                        .addListener(written -> duplex.shutdownOutput()));
            }
        });
    }
}
