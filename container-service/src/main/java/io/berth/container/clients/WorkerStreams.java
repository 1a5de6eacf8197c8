package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the worker's log streams (docs/internal-api.md, "Log records") and hands each back once its head arrived,
 * paused, so the caller decides when bytes flow. A worker error answer becomes the typed error it stands for.
 */
@ApplicationScoped
public class WorkerStreams {
    /** The worker's header: how many bytes at the start of the body the log held when the call came. */
    static final String PAST_BYTES = "X-Berth-Log-Past";
    private final HttpClient client;
    private final URI worker;

    WorkerStreams(Vertx vertx, @ConfigProperty(name = "quarkus.rest-client.worker.url") URI worker) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setMaxPoolSize(256)
                // One connection per stream: a kept-alive one the worker had already closed failed the next attach.
                .setKeepAlive(false));
        this.worker = worker;
    }

    /**
     * The container's log records: from its first byte, or ({@code fromEnd}) from the end of what it holds now;
     * without {@code run} up to what it holds now, with {@code run} on until that run is over and its output sent.
     */
    public Uni<WorkerLog> log(TenantId tenant, String containerId, boolean fromEnd, Long run) {
        String query = "?from=" + (fromEnd ? "end" : "start") + (run == null ? "" : "&run=" + run);
        return records(tenant, "/containers/" + containerId + "/log" + query, run != null);
    }

    /** The container's root filesystem as a tar ({@code docker export}), once its head arrived, paused. */
    public Uni<HttpClientResponse> export(TenantId tenant, String containerId) {
        return records(tenant, "/containers/" + containerId + "/export", false).map(WorkerLog::records);
    }

    /** An exec session's output from its first byte, on until the session is over and all of it was sent. */
    public Uni<WorkerLog> execLog(TenantId tenant, String containerId, String execId) {
        return records(tenant, "/containers/" + containerId + "/execs/" + execId + "/log", true);
    }

    private Uni<WorkerLog> records(TenantId tenant, String uri, boolean following) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(worker.getHost())
                .setPort(worker.getPort())
                .setURI(uri)
                .putHeader(InternalHeaders.TENANT, tenant.value());
        return Uni.createFrom().<WorkerLog>emitter(emitter -> client.request(options)
                .compose(request -> request.send())
                .onSuccess(response -> {
                    if (response.statusCode() == 200) {
                        response.pause();
                        emitter.complete(new WorkerLog(response, pastBytes(response), following));
                    } else {
                        response.body().onComplete(body -> emitter.fail(ErrorAnswers.fromPeer(Remote.WORKER, response.statusCode(),
                                body.succeeded() ? body.result().toString() : "")));
                    }
                })
                .onFailure(e -> emitter.fail(Remote.unreachable(Remote.WORKER, e))));
    }

    /**
     * A stream into the container's stdin for run {@code run} (docs/internal-api.md, "Stdin"), once its head went out:
     * write the client's input to it, end it when the client's input ends, close its connection when the client
     * detaches or leaves. The worker answers when the input is over, or when the run is.
     */
    public Uni<HttpClientRequest> stdin(TenantId tenant, String containerId, long run) {
        return input(tenant, "/containers/" + containerId + "/stdin?run=" + run);
    }

    /** A stream into an exec session's stdin, as {@link #stdin} for a run. */
    public Uni<HttpClientRequest> execStdin(TenantId tenant, String containerId, String execId) {
        return input(tenant, "/containers/" + containerId + "/execs/" + execId + "/stdin");
    }

    private Uni<HttpClientRequest> input(TenantId tenant, String uri) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(worker.getHost())
                .setPort(worker.getPort())
                .setURI(uri)
                .putHeader(InternalHeaders.TENANT, tenant.value());
        return Uni.createFrom().<HttpClientRequest>emitter(emitter -> client.request(options)
                .onSuccess(request -> {
                    request.setChunked(true);
                    // What becomes of the input is the worker's business once the head is out; a drop is no news.
                    request.exceptionHandler(e -> { });
                    request.response().onFailure(e -> { });
                    request.sendHead().onSuccess(v -> emitter.complete(request))
                            .onFailure(e -> emitter.fail(Remote.unreachable(Remote.WORKER, e)));
                })
                .onFailure(e -> emitter.fail(Remote.unreachable(Remote.WORKER, e))));
    }

    /**
     * A call on the container's files ({@code docker cp}, docs/internal-api.md "Archives"), with {@code body} (the
     * client's tar, for a {@code PUT}) streamed to the worker; the answer comes back as soon as its head arrived, its
     * body left for the caller to relay.
     */
    public Uni<HttpClientResponse> archive(TenantId tenant, HttpMethod method, String containerId, String query,
            ReadStream<Buffer> body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(worker.getHost())
                .setPort(worker.getPort())
                .setURI("/containers/" + containerId + "/archive?" + query)
                .putHeader(InternalHeaders.TENANT, tenant.value());
        return Uni.createFrom().<HttpClientResponse>emitter(emitter -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .onSuccess(emitter::complete)
                .onFailure(e -> emitter.fail(Remote.unreachable(Remote.WORKER, e))));
    }

    private static long pastBytes(HttpClientResponse response) {
        String value = response.getHeader(PAST_BYTES);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
