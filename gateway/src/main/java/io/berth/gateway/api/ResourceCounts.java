package io.berth.gateway.api;

import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Counts a tenant's containers (by state) and images for {@code /info} by asking their owners. The gateway keeps no
 * state of its own; a service that does not answer in time counts as empty, and the log says so.
 */
@ApplicationScoped
class ResourceCounts {
    private static final Logger LOG = Logger.getLogger(ResourceCounts.class);

    private final GatewayConfig config;
    private final HttpClient client;

    ResourceCounts(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.infoTimeout().toMillis()));
    }

    /** Always succeeds: a missing part is 0. */
    Future<SystemInfo.Counts> of(TenantId tenant) {
        Future<JsonArray> containers = list(config.backends().containers(), "/containers/json?all=1", tenant);
        Future<JsonArray> images = list(config.backends().images(), "/images/json", tenant);
        return Future.join(containers, images).transform(done -> {
            int running = 0;
            int paused = 0;
            int total = 0;
            for (Object item : containers.succeeded() ? containers.result() : new JsonArray()) {
                total++;
                String state = item instanceof JsonObject c ? c.getString("State", "") : "";
                // dockerd counts a restarting container as running (daemon/info.go).
                if ("running".equals(state) || "restarting".equals(state)) {
                    running++;
                } else if ("paused".equals(state)) {
                    paused++;
                }
            }
            int imageCount = images.succeeded() ? images.result().size() : 0;
            return Future.succeededFuture(new SystemInfo.Counts(total, running, paused, total - running - paused, imageCount));
        });
    }

    private Future<JsonArray> list(URI service, String path, TenantId tenant) {
        RequestOptions options = new RequestOptions()
                .setHost(service.getHost())
                .setPort(service.getPort() < 0 ? 80 : service.getPort())
                .setURI(path)
                .putHeader(InternalHeaders.TENANT, tenant.value())
                .setTimeout(config.infoTimeout().toMillis());
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(Buffer::toJsonArray)
                .onFailure(e -> LOG.warnf("/info counts 0 for %s%s: %s", service, path, e.getMessage()));
    }
}
