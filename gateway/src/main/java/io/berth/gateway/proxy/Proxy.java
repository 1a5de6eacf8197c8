package io.berth.gateway.proxy;

import io.berth.gateway.api.DockerHeaders;
import io.berth.gateway.config.GatewayConfig;
import io.berth.gateway.version.ApiVersion;
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
        if (!hasBody) {
            return outgoing.send();
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            outgoing.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            outgoing.setChunked(true);
        }
        // A client that breaks off its upload must not look like a finished one to the service (an image load
        // would take the truncated tar for the whole): reset instead of ending.
        request.pipe().endOnFailure(false).to(outgoing).onFailure(e -> outgoing.reset());
        // The answer may come before the body is sent, and is relayed at once.
        return outgoing.response();
    }

    private static void answer(HttpServerRequest request, HttpClientResponse incoming) {
        HttpServerResponse response = request.response();
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
        incoming.pipeTo(response)
                .onSuccess(done -> relayed.set(true))
                .onFailure(e -> {
                    relayed.set(true);
                    LOG.debugf("relay of %s ended early: %s", request.path(), e.getMessage());
                    if (!response.ended()) {
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

    /** 503 naming the service, or a cut connection when the stream had already begun. */
    static void unreachable(HttpServerRequest request, Backends.Backend backend, Throwable e) {
        LOG.warnf("%s is not reachable: %s", backend.name(), e.getMessage());
        // A body nobody will forward: let it drain so the connection can carry the next call.
        request.resume();
        // The service's address and the cause are for the log; the client learns which part of Berth is missing.
        ErrorAnswers.send(request.response(), 503, "Berth's " + backend.name() + " is not reachable; try again in a moment");
    }
}
