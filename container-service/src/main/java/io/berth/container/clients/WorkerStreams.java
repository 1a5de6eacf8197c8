package io.berth.container.clients;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the worker's output streams (logs, attach) and hands back the response once its head arrived, paused, so
 * the caller decides when bytes flow. A worker error answer becomes the typed error it stands for.
 */
@ApplicationScoped
public class WorkerStreams {
    private final HttpClient client;
    private final URI worker;

    WorkerStreams(Vertx vertx, @ConfigProperty(name = "quarkus.rest-client.worker.url") URI worker) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setMaxPoolSize(256)
                // One connection per stream: a kept-alive one the worker had already closed failed the next attach.
                .setKeepAlive(false));
        this.worker = worker;
    }

    public Uni<HttpClientResponse> open(TenantId tenant, String containerId, String stream, MultiMap query) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(worker.getHost())
                .setPort(worker.getPort())
                .setURI("/containers/" + containerId + "/" + stream + encode(query))
                .putHeader(InternalHeaders.TENANT, tenant.value());
        return Uni.createFrom().<HttpClientResponse>emitter(emitter -> client.request(options)
                .compose(request -> request.send())
                .onSuccess(response -> {
                    if (response.statusCode() == 200) {
                        response.pause();
                        emitter.complete(response);
                    } else {
                        response.body().onComplete(body -> emitter.fail(ErrorAnswers.fromPeer(Remote.WORKER, response.statusCode(),
                                body.succeeded() ? body.result().toString() : "")));
                    }
                })
                .onFailure(e -> emitter.fail(Remote.unreachable(Remote.WORKER, e))));
    }


    private static String encode(MultiMap query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach(entry -> joined.add(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
