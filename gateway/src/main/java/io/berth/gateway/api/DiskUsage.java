package io.berth.gateway.api;

import io.berth.gateway.config.GatewayConfig;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * {@code GET /system/df} ({@code docker system df}): the gateway keeps nothing, so it asks each owner for its part
 * with the caller's tenant and puts Docker's answer together: image-service's images (with shared sizes and container
 * counts) and layer total, container-service's containers, volume-service's volumes with their sizes and reference
 * counts ({@code UsageData}). A part that cannot be had fails the call (503 naming the service), rather than reporting
 * less than is on disk. {@code BuildCache} and {@code BuilderSize} are image-service's: its cached build steps.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/System/operation/SystemDataUsage">SystemDataUsage</a>
 */
@ApplicationScoped
public class DiskUsage {
    private static final Logger LOG = Logger.getLogger(DiskUsage.class);

    private final GatewayConfig config;
    private final HttpClient client;

    DiskUsage(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
    }

    public void answer(HttpServerRequest request, TenantId tenant) {
        GatewayConfig.Backends backends = config.backends();
        Future<Buffer> images = get("image-service", backends.images(), "/internal/images/usage", tenant);
        Future<Buffer> containers = get("container-service", backends.containers(), "/containers/json?all=1", tenant);
        Future<Buffer> volumes = get("volume-service", backends.volumes(), "/internal/volumes/usage", tenant);
        Future.all(images, containers, volumes).onComplete(done -> {
            if (done.failed()) {
                ErrorAnswers.send(request.response(), 503, done.cause().getMessage());
                return;
            }
            JsonObject imagePart = images.result().toJsonObject();
            JsonObject volumePart = volumes.result().toJsonObject();
            JsonObject usage = new JsonObject()
                    .put("LayersSize", imagePart.getLong("LayersSize", 0L))
                    .put("Images", imagePart.getJsonArray("Images", new JsonArray()))
                    .put("Containers", containers.result().toJsonArray())
                    .put("Volumes", volumePart.getJsonArray("Volumes", new JsonArray()))
                    .put("BuildCache", imagePart.getJsonArray("BuildCache", new JsonArray()))
                    .put("BuilderSize", imagePart.getLong("BuilderSize", 0L));
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(usage.encode());
        });
    }

    private Future<Buffer> get(String name, URI service, String path, TenantId tenant) {
        RequestOptions options = new RequestOptions()
                .setHost(service.getHost())
                .setPort(service.getPort() < 0 ? 80 : service.getPort())
                .setURI(path)
                .putHeader(InternalHeaders.TENANT, tenant.value())
                .setTimeout(config.infoTimeout().toMillis() * 5);
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .recover(e -> {
                    LOG.warnf("/system/df: %s%s failed: %s", service, path, e.getMessage());
                    return Future.failedFuture("Berth's " + name + " did not answer for docker system df; try again in a moment");
                });
    }
}
