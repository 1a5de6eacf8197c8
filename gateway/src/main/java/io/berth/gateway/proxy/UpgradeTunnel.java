package io.berth.gateway.proxy;

import io.berth.gateway.api.DockerHeaders;
import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.api.Hijack;
import io.berth.kit.errors.ErrorAnswers;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Forwards a hijacking call ({@code POST .../attach}, {@code POST /exec/{id}/start} with {@code Upgrade: tcp};
 * surface §3.1) over a plain TCP connection, because Vert.x 4's HTTP client hands out the raw socket only after a
 * GET upgrade ({@code Http1xClientConnection.handleResponseBegin}) and Docker's are POSTs. The request head is written
 * by hand and the service's answer head read by hand. On 101 the client gets its own 101 and the two sockets are
 * spliced, bytes that came right after the service's head included; any other answer is relayed as an ordinary
 * response.
 */
@ApplicationScoped
class UpgradeTunnel {
    private static final Logger LOG = Logger.getLogger(UpgradeTunnel.class);
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 64 * 1024;
    /** dockerd's media type for a hijacked stream when the service names none (moby api/types/types.go). */
    private static final String RAW_STREAM = "application/vnd.docker.raw-stream";

    private final NetClient client;

    UpgradeTunnel(Vertx vertx, GatewayConfig config) {
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
    }

    /** Docker's clients ask for a hijack with {@code Upgrade: tcp} (and {@code Connection: Upgrade}). */
    static boolean wantsUpgrade(HttpServerRequest request) {
        return "tcp".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    void open(HttpServerRequest request, Backends.Backend backend, String uri, MultiMap headers) {
        // The body is small JSON at most (exec start's {"Detach":false,...}); the stream starts after the 101.
        request.body()
                .onSuccess(body -> client.connect(backend.port(), backend.host())
                        .onSuccess(upstream -> {
                            upstream.pause();
                            upstream.write(head(request, backend, uri, headers, body.length()));
                            if (body.length() > 0) {
                                upstream.write(body);
                            }
                            readAnswerHead(request, backend, upstream);
                            upstream.resume();
                        })
                        .onFailure(e -> Proxy.unreachable(request, backend, e)))
                .onFailure(e -> {
                    // The client broke off its own request: usually it is gone, and nobody reads an answer.
                    LOG.debugf("upgrade request for %s not read: %s", request.path(), e.getMessage());
                    ErrorAnswers.send(request.response(), 400, "the request body could not be read");
                });
        // Quarkus hands the request over paused; body() alone would wait for ever.
        request.resume();
    }

    private static Buffer head(HttpServerRequest request, Backends.Backend backend, String uri, MultiMap headers,
            int length) {
        StringBuilder head = new StringBuilder()
                .append(request.method().name()).append(' ').append(uri).append(" HTTP/1.1\r\n")
                .append("Host: ").append(backend.host()).append(':').append(backend.port()).append("\r\n");
        headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        head.append("Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: ").append(length).append("\r\n\r\n");
        return Buffer.buffer(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Collects the service's answer up to the end of its head, then splices or relays. What goes wrong on the
     * service's side is answered in the platform's words (503 when it went away, 500 with a log reference when its
     * answer is not HTTP), never with the service's address or its bytes.
     */
    private static void readAnswerHead(HttpServerRequest request, Backends.Backend backend, NetSocket upstream) {
        Buffer received = Buffer.buffer();
        upstream.exceptionHandler(e -> LOG.debugf("upgrade tunnel: %s", e.getMessage()));
        upstream.closeHandler(closed -> Proxy.unreachable(request, backend,
                new IllegalStateException("it closed the connection before answering an upgrade")));
        // A client that leaves before the answer takes the call to the service with it.
        request.response().closeHandler(clientGone -> upstream.close());
        upstream.handler(chunk -> {
            received.appendBuffer(chunk);
            int end = indexOf(received, END_OF_HEAD);
            if (end < 0) {
                if (received.length() > MAX_HEAD) {
                    upstream.handler(null);
                    upstream.closeHandler(null);
                    upstream.close();
                    ErrorAnswers.send(request.response(), new IllegalStateException(
                            backend.name() + "'s answer head to an upgrade is over " + MAX_HEAD + " bytes"));
                }
                return;
            }
            upstream.handler(null);
            upstream.closeHandler(null);
            upstream.pause();
            AnswerHead answer;
            try {
                answer = AnswerHead.parse(received.getString(0, end, StandardCharsets.ISO_8859_1.name()));
            } catch (IllegalArgumentException e) {
                upstream.close();
                ErrorAnswers.send(request.response(), new IllegalStateException(
                        backend.name() + "'s answer to an upgrade is not HTTP: " + e.getMessage(), e));
                return;
            }
            Buffer rest = received.getBuffer(end + END_OF_HEAD.length, received.length());
            if (answer.status() == 101) {
                splice(request, upstream, answer, rest);
            } else {
                relay(request.response(), upstream, answer, rest);
            }
        });
    }

    private static void splice(HttpServerRequest request, NetSocket upstream, AnswerHead answer, Buffer rest) {
        String mediaType = answer.headers().get(HttpHeaders.CONTENT_TYPE);
        // The client may send its stdin and half-close as soon as it has the 101: nothing is read before the splice.
        Hijack.upgradeNotReading(request, mediaType == null ? RAW_STREAM : mediaType)
                .onSuccess(downstream -> {
                    if (rest.length() > 0) {
                        downstream.write(rest);
                    }
                    upstream.pipeTo(downstream).onComplete(done -> downstream.close());
                    downstream.pipeTo(upstream).onComplete(done -> upstream.close());
                    HalfClose.relay(downstream, upstream);
                    Hijack.startReading(downstream);
                    upstream.resume();
                })
                .onFailure(e -> {
                    // The client left while the service said yes; nothing to tell anyone.
                    LOG.debugf("cannot take over the client's connection: %s", e.getMessage());
                    upstream.close();
                    request.connection().close();
                });
    }

    /** A refusal (404, 409, ...) goes back as an ordinary response, its body unframed and framed anew. */
    private static void relay(HttpServerResponse response, NetSocket upstream, AnswerHead answer, Buffer rest) {
        response.setStatusCode(answer.status());
        answer.headers().forEach(header -> {
            if (!Proxy.isHopByHop(header.getKey()) && !DockerHeaders.isStamped(header.getKey())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        BodyReader body = BodyReader.of(answer.headers());
        if (body.length() >= 0) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.length()));
        } else {
            response.setChunked(true);
        }
        Runnable finish = () -> {
            upstream.handler(null);
            upstream.closeHandler(null);
            upstream.close();
            if (!response.ended()) {
                response.end();
            }
        };
        java.util.function.Consumer<Buffer> feed = chunk -> {
            Buffer out = body.feed(chunk);
            if (out.length() > 0) {
                response.write(out);
            }
            if (body.done()) {
                finish.run();
            }
        };
        feed.accept(rest);
        if (response.ended()) {
            return;
        }
        upstream.handler(feed::accept);
        upstream.closeHandler(closed -> {
            if (!response.ended()) {
                response.end();
            }
        });
        upstream.resume();
    }

    private static int indexOf(Buffer buffer, byte[] needle) {
        outer:
        for (int i = 0; i <= buffer.length() - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
