package io.berth.gateway.proxy;

import io.berth.gateway.api.DockerHeaders;
import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.api.ApiVersion;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Forwards a call to the service that owns it, streaming both bodies without buffering, and passes the response
 * head on the moment it arrives: {@code POST /wait} sends its head at once and its body when the container exits,
 * and the docker CLI sends {@code start} only after that head (surface §3.3). A call with {@code Upgrade: tcp}
 * (attach, exec start) goes through {@link UpgradeTunnel} instead (surface §3.1).
 */
@ApplicationScoped
public class Proxy {
    private static final Logger LOG = Logger.getLogger(Proxy.class);
    /** Hop-by-hop headers (RFC 9110 §7.6.1), and the ones the HTTP client sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "transfer-encoding", "te", "trailer", "upgrade", "host",
            "content-length");

    private final HttpClient client;
    private final UpgradeTunnel tunnel;

    Proxy(Vertx vertx, UpgradeTunnel tunnel, GatewayConfig config) {
        // No idle timeout: wait, logs -f and pulls may stay silent for as long as the container lives.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(1024)
                .setKeepAlive(true)
                .setIdleTimeout(0));
        this.tunnel = tunnel;
    }

    /** Forwards {@code request} to {@code backend} at {@code path} (version prefix already stripped). */
    public void forward(HttpServerRequest request, Backends.Backend backend, String path, TenantId tenant,
            ApiVersion version) {
        String uri = request.query() == null ? path : path + "?" + request.query();
        MultiMap headers = forwardedHeaders(request.headers(), tenant, version);
        if (UpgradeTunnel.wantsUpgrade(request)) {
            tunnel.open(request, backend, uri, headers);
            return;
        }
        boolean hasBody = request.getHeader(HttpHeaders.CONTENT_LENGTH) != null
                || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody) {
            // Held until the service's connection is there, then piped: pull, load and build bodies are gigabytes.
            request.pause();
        } else {
            // Quarkus hands the request over paused; let its (empty) end through so the connection can carry the next.
            request.resume();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(backend.host())
                .setPort(backend.port())
                .setURI(uri)
                .setHeaders(headers);
        client.request(options)
                .onSuccess(outgoing -> send(request, outgoing, hasBody)
                        .onSuccess(incoming -> answer(request, incoming))
                        .onFailure(e -> unreachable(request, backend, e)))
                .onFailure(e -> unreachable(request, backend, e));
    }

    private static io.vertx.core.Future<HttpClientResponse> send(HttpServerRequest request, HttpClientRequest outgoing,
            boolean hasBody) {
        // What becomes of the call is handled through its response; a reset or a dropped connection is no news.
        outgoing.exceptionHandler(e -> LOG.debugf("call for %s ended: %s", request.path(), e.getMessage()));
        if (!hasBody) {
            return outgoing.send();
        }
        keepReadingAfterAFailedWrite(outgoing);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            outgoing.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            outgoing.setChunked(true);
        }
        // A client that breaks off its upload, or whose stalled upload the edge cut (408), must not look like a
        // finished one to the service (an image load would take the truncated tar for the whole): reset instead of
        // ending. (answer() takes the close handler over once the service answers.) A pipe that fails on the
        // service's side is no reason to reset: a service that answers early (413) and drops the connection has its
        // answer on the way, and a reset would turn it into a 503.
        HttpServerResponse response = request.response();
        response.closeHandler(clientGone -> outgoing.reset());
        request.pipe().endOnFailure(false).to(outgoing).onFailure(e -> {
            if (clientGone(response)) {
                outgoing.reset();
            }
        });
        // The answer may come before the body is sent, and is relayed at once.
        return outgoing.response();
    }

    /**
     * A service that answers before it has read the whole body (413) and then closes makes the kernel reset the
     * connection, and the gateway's next write fails. By default Netty then closes the channel at once, and the
     * answer already waiting in the socket is never read. Kept open, the channel reads that answer first, then the
     * reset that ends it.
     */
    private static void keepReadingAfterAFailedWrite(HttpClientRequest outgoing) {
        if (outgoing.connection() instanceof ConnectionBase connection) {
            connection.channel().config().setAutoClose(false);
        }
    }

    private static void answer(HttpServerRequest request, HttpClientResponse incoming) {
        HttpServerResponse response = request.response();
        if (clientGone(response)) {
            // The client left, or the edge answered for it (a stalled body's 408): the service's answer has no taker.
            incoming.request().connection().close();
            return;
        }
        response.setStatusCode(incoming.statusCode()).setStatusMessage(incoming.statusMessage());
        incoming.headers().forEach(header -> {
            if (!isHopByHop(header.getKey()) && !DockerHeaders.isStamped(header.getKey())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        String length = incoming.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else if (request.method() != HttpMethod.HEAD && bodyAllowed(incoming.statusCode())) {
            // Streams (wait, logs, pulls, builds) have no length: keep them chunked, which docker-py requires
            // (surface §1.6), and send the head now, before the first body byte exists (surface §3.3).
            response.setChunked(true);
            response.writeHead();
        }
        AtomicBoolean relayed = new AtomicBoolean();
        // The client left mid-stream: drop the service's connection too, so a wait or logs -f there ends as well.
        response.closeHandler(closed -> {
            if (!relayed.get()) {
                incoming.request().connection().close();
            }
        });
        // Never ended on a failure: a cut stream must not look complete to the client, so it is reset instead.
        incoming.pipe().endOnFailure(false).to(response)
                .onSuccess(done -> relayed.set(true))
                .onFailure(e -> {
                    LOG.debugf("relay of %s ended early: %s", request.path(), e.getMessage());
                    // One side broke off; the other must learn it (a logs -f at the service ends too).
                    incoming.request().connection().close();
                    if (!response.closed()) {
                        response.reset();
                    }
                });
    }

    private static MultiMap forwardedHeaders(MultiMap incoming, TenantId tenant, ApiVersion version) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        incoming.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // A client's X-Berth-* header is never passed on: the tenant is the gateway's to decide.
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-berth-")) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        headers.set(InternalHeaders.TENANT, tenant.value());
        headers.set(InternalHeaders.API_VERSION, version.toString());
        return headers;
    }

    static boolean isHopByHop(String header) {
        return HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT));
    }

    private static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /** Whether nobody waits for the service's answer any more: the client left, or the edge answered for it. */
    private static boolean clientGone(HttpServerResponse response) {
        return response.closed() || response.ended();
    }

    /** 503 naming the part of Berth, or a cut connection when the stream had already begun; quiet if the client left. */
    static void unreachable(HttpServerRequest request, Backends.Backend backend, Throwable e) {
        if (clientGone(request.response())) {
            // The client left first, and the call to the service was dropped for it: nothing is wrong with Berth.
            LOG.debugf("call for %s dropped, its client left: %s", request.path(), e.getMessage());
            return;
        }
        LOG.warnf("%s is not reachable: %s", backend.name(), e.getMessage());
        // A body nobody will forward: let it drain so the connection can carry the next call.
        request.resume();
        // The service's address and the cause are for the log; the client learns which part of Berth is missing.
        ErrorAnswers.send(request.response(), 503, "Berth's " + backend.name() + " is not reachable; try again in a moment");
    }
}
