package io.berth.gateway.edge;

import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.errors.ErrorAnswers;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The clock of one client connection on the public port, a Netty handler between Vert.x's HTTP codec and its
 * connection handler, so that it sees each request head, body part and end, each answer head and end, and every read.
 * It keeps a connection only as long as the client uses it:
 *
 * <ul>
 *   <li>between an answer and the next request: closed after {@code idleTimeout};</li>
 *   <li>from the first byte of a head to its end: closed after {@code headTimeout}, however slowly the bytes come
 *       (slowloris);</li>
 *   <li>while a body is read: cut after {@code bodyTimeout} without a byte, 408 when the answer has not begun.
 *       Time while the gateway itself does not read (the service is slower than the client) does not count;</li>
 *   <li>once the request is read in full: no limit at all. {@code wait}, {@code logs -f}, {@code events}, pulls and
 *       pushes may be silent for hours, and a hijacked attach or exec is a raw stream the codec no longer sees.</li>
 * </ul>
 *
 * <p>An answer that goes out before its request body is in (a 413, a 404 for a path with a body) closes the
 * connection afterwards, as Go's server does: its head says {@code Connection: close}, the gateway shuts its sending
 * side, and reads on for at most {@link #LINGER}, throwing the rest of the body away, before it closes. Closing at
 * once, with the body unread, would make the kernel answer the client with a reset that can destroy the answer before
 * the client reads it.
 */
final class ConnectionWatch extends ChannelDuplexHandler {
    private static final Logger LOG = Logger.getLogger(ConnectionWatch.class);
    /** The name of the handler in the channel's pipeline. */
    static final String NAME = "berth-edge";
    /** How long an early answer's connection keeps reading the rest of the body (nginx's lingering_timeout is 5 s). */
    static final Duration LINGER = Duration.ofSeconds(2);

    /** Where the connection is in its request/answer cycle. */
    private enum State {
        /** Between requests, nothing of the next one read yet. */
        IDLE,
        /** Part of a request head read. */
        HEAD,
        /** The head is in, the body is being read. */
        BODY,
        /** The request is in; its answer is being written, or awaited, or the connection is a hijacked stream. */
        ANSWERING,
        /** An early answer is out; the rest of the body is thrown away until the connection closes. */
        LINGERING
    }

    private final GatewayConfig.Edge limits;
    private State state;
    private boolean requestEnded;
    /** Requests read whose answers are not written yet (more than one only for a client that pipelines). */
    private int unanswered;
    private boolean earlyAnswer;
    private long lastBodyRead;
    /** Whether the socket read in progress has given the codec enough for a message. */
    private boolean readCarriedMessages;
    private ScheduledFuture<?> timer;
    /** The request in progress, for the 408 of a stalled body. */
    private HttpServerRequest current;
    private ChannelHandlerContext context;

    /** A watch that takes over while {@code request}'s head has just been read. */
    ConnectionWatch(GatewayConfig.Edge limits, HttpServerRequest request) {
        this.limits = limits;
        this.current = request;
    }

    /** The request now in progress on this connection (a later one on a kept-alive connection). */
    void follow(HttpServerRequest request) {
        current = request;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        // Installed while the first request's head is being handled: its body may still come.
        requestBegins(current.isEnded() || !declaresBody(current.headers()));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        readCarriedMessages = true;
        if (state == State.LINGERING) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                ctx.close();
            }
            return;
        }
        if (msg instanceof HttpRequest head) {
            // A head without a body is a whole request: the codec's empty end follows, but an answer may come first.
            requestBegins(msg instanceof LastHttpContent || !declaresBody(head.headers()));
        } else if (msg instanceof LastHttpContent && state == State.BODY) {
            requestEnds();
        } else if (state == State.BODY) {
            lastBodyRead = System.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Bytes came and the codec made nothing of them: a head has begun. (A read that carried the end of the last
        // request, answered at once, does not count: the answer may be out before this read is over.)
        if (state == State.IDLE && !readCarriedMessages) {
            state = State.HEAD;
            schedule(limits.headTimeout(), this::headTooSlow);
        }
        readCarriedMessages = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (state == State.LINGERING && event instanceof ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean informational = msg instanceof HttpResponse head && head.status().code() < 200;
        if (informational) {
            // 100 Continue is no answer: the body is still to come.
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof HttpResponse head && !requestEnded) {
            earlyAnswer = true;
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (msg instanceof LastHttpContent) {
            ChannelPromise written = promise.unvoid();
            written.addListener(done -> answerWritten());
            ctx.write(msg, written);
            return;
        }
        ctx.write(msg, promise);
    }

    private void requestBegins(boolean ended) {
        cancelTimer();
        unanswered++;
        earlyAnswer = false;
        requestEnded = ended;
        if (ended) {
            state = State.ANSWERING;
        } else {
            state = State.BODY;
            lastBodyRead = System.nanoTime();
            schedule(limits.bodyTimeout(), this::checkBody);
        }
    }

    private void requestEnds() {
        cancelTimer();
        requestEnded = true;
        state = State.ANSWERING;
    }

    private void answerWritten() {
        unanswered--;
        if (!context.channel().isActive()) {
            return;
        }
        if (earlyAnswer) {
            if (requestEnded) {
                context.close();
            } else {
                linger();
            }
        } else if (requestEnded && state == State.ANSWERING && unanswered == 0) {
            state = State.IDLE;
            schedule(limits.idleTimeout(), this::idleTooLong);
        }
    }

    /** Shuts the sending side after the early answer and throws the rest of the body away for a while. */
    private void linger() {
        cancelTimer();
        state = State.LINGERING;
        if (context.channel() instanceof DuplexChannel duplex) {
            // The answer is written (this runs once its last part is): the client reads it, then the end of stream.
            duplex.shutdownOutput();
        }
        // The gateway may have stopped reading (a request held paused); the rest must be read to be thrown away.
        context.channel().config().setAutoRead(true);
        context.read();
        schedule(LINGER, context::close);
    }

    private void checkBody() {
        if (state != State.BODY) {
            return;
        }
        long now = System.nanoTime();
        if (current.isEnded()) {
            requestEnds();
            return;
        }
        if (!context.channel().config().isAutoRead()) {
            // The gateway holds the client back because the service reads slower: not the client's stall.
            lastBodyRead = now;
        }
        long stalled = now - lastBodyRead;
        long limit = limits.bodyTimeout().toNanos();
        if (stalled < limit) {
            schedule(Duration.ofNanos(limit - stalled), this::checkBody);
            return;
        }
        LOG.debugf("request body of %s stalled for %s; cutting it", current.path(), limits.bodyTimeout());
        if (current.response().headWritten()) {
            context.close();
        } else {
            // An early answer: Connection: close, then the linger above.
            ErrorAnswers.send(current.response(), 408, "the request body stalled: nothing arrived for "
                    + limits.bodyTimeout().toSeconds() + " s; send it again");
        }
    }

    private void headTooSlow() {
        if (state == State.HEAD) {
            LOG.debugf("request head not complete after %s; closing the connection", limits.headTimeout());
            context.close();
        }
    }

    private void idleTooLong() {
        if (state == State.IDLE) {
            context.close();
        }
    }

    private void schedule(Duration delay, Runnable task) {
        cancelTimer();
        if (!delay.isZero() && !delay.isNegative()) {
            timer = context.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Whether a request head announces a body (RFC 9112 §6.3): a transfer coding, or a length above zero. */
    private static boolean declaresBody(Iterable<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.equalsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING.toString())
                    || name.equalsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH.toString())
                    && !header.getValue().trim().equals("0")) {
                return true;
            }
        }
        return false;
    }
}
