package io.berth.kit.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.nio.charset.StandardCharsets;

/**
 * Takes over an HTTP/1.1 connection after answering {@code 101 UPGRADED}, as dockerd does for {@code attach} and
 * {@code exec start}: from then on the socket carries the raw stream both ways.
 *
 * <p>Vert.x 4's {@code HttpServerRequest.toNetSocket()} refuses upgrades of any method but GET, and Docker's are
 * POSTs; so the 101 head is written below the HTTP encoder and the connection is switched with the same call Vert.x
 * itself uses for a GET upgrade.
 *
 * <p>The docker CLI half-closes its side as soon as it has no more stdin to send, which for {@code docker run}
 * without {@code -i} is at once; the output must still flow, so a hijacked connection allows half-closure instead of
 * closing on the client's FIN (docker/cli cli/command/container/hijack.go, {@code CloseWrite}).
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerAttach">
 *     ContainerAttach: hijacking</a>
 */
public final class Hijack {
    private Hijack() {
    }

    /** Sends the 101 head with {@code contentType} and yields the raw socket; the request must be HTTP/1.x. */
    public static Future<NetSocket> upgrade(HttpServerRequest request, String contentType) {
        return upgrade(request, contentType, false);
    }

    /**
     * The same, with the socket reading nothing until {@link #startReading(NetSocket)}: a client may send its input
     * and half-close the moment it has the 101 (the docker CLI does, with piped stdin), and what arrives before the
     * caller has set its handlers would be dropped by Vert.x.
     */
    public static Future<NetSocket> upgradeNotReading(HttpServerRequest request, String contentType) {
        return upgrade(request, contentType, true);
    }

    /** Lets a socket from {@link #upgradeNotReading} read, once its handlers are set. */
    public static void startReading(NetSocket socket) {
        if (socket instanceof NetSocketInternal internal) {
            Channel channel = internal.channelHandlerContext().channel();
            channel.config().setAutoRead(true);
            channel.read();
        }
    }

    private static Future<NetSocket> upgrade(HttpServerRequest request, String contentType, boolean holdReads) {
        if (!(request.connection() instanceof Http1xServerConnection connection)) {
            return Future.failedFuture("only an HTTP/1.1 connection can be hijacked");
        }
        String head = "HTTP/1.1 101 UPGRADED\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: tcp\r\n\r\n";
        ChannelHandlerContext encoder = connection.channelHandlerContext().pipeline().context("httpEncoder");
        if (encoder == null) {
            return Future.failedFuture("the connection has no HTTP encoder to write below");
        }
        connection.channelHandlerContext().channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        if (holdReads) {
            connection.channelHandlerContext().channel().config().setAutoRead(false);
        }
        encoder.writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        return connection.netSocket();
    }

    /** Calls {@code then} when the peer half-closes: it will send nothing more, but still reads. */
    public static void onInputShutdown(NetSocket socket, Runnable then) {
        if (socket instanceof NetSocketInternal internal) {
            internal.eventHandler(event -> {
                if (event instanceof ChannelInputShutdownEvent) {
                    then.run();
                }
            });
        }
    }

    /** Half-closes our side: the peer reads EOF and may still send. */
    public static void shutdownOutput(NetSocket socket) {
        if (socket instanceof NetSocketInternal internal) {
            Channel channel = internal.channelHandlerContext().channel();
            if (channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                return;
            }
        }
        socket.close();
    }
}
