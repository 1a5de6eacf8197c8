package io.berth.image.registry;

import io.berth.image.RepositoryName;
import io.berth.image.service.RegistryErrorCode;
import io.berth.image.service.RegistryException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.URIDecoder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Berth's own registry, the OCI distribution API on {@code /v2/} (the gateway serves it on 127.0.0.1:5000): pull,
 * push (monolithic, chunked and streamed uploads, cross-repository mounts), tag listing, referrers and deletion, for
 * the tenant of {@code X-Berth-Tenant}. Plain Vert.x routes, because blobs stream both ways without being held and
 * the spec's answers are mostly headers. This class finds the endpoint; {@link ManifestHandlers} and
 * {@link BlobHandlers} serve it.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md">OCI distribution spec v1.1.1</a>
 */
@ApplicationScoped
public class RegistryRoutes {
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;

    private final ManifestHandlers manifests;
    private final BlobHandlers blobs;

    RegistryRoutes(ManifestHandlers manifests, BlobHandlers blobs) {
        this.manifests = manifests;
        this.blobs = blobs;
    }

    void register(@Observes Router router) {
        router.routeWithRegex("^/v2(/.*)?$").order(ORDER).handler(this::dispatch);
    }

    void dispatch(RoutingContext context) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerRequest request = context.request();
        request.response().putHeader(RegistryReplies.API_VERSION, RegistryReplies.API_VERSION_VALUE);
        try {
            RegistryPath target = RegistryPath.parse(URIDecoder.decodeURIComponent(request.path(), false))
                    .orElseThrow(() -> new RegistryException(RegistryErrorCode.NAME_INVALID, 404,
                            "no such registry endpoint: " + request.path(), Map.of()));
            if (target.kind() == RegistryPath.Kind.BASE) {
                only(request, HttpMethod.GET, HttpMethod.HEAD);
                request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{}");
                return;
            }
            TenantId tenant = TenantGuard.of(context);
            RepositoryName name = RepositoryName.of(target.name());
            switch (target.kind()) {
                case MANIFEST -> manifests.serve(context, tenant, name, target.reference());
                case TAGS -> {
                    only(request, HttpMethod.GET);
                    manifests.tags(context, tenant, name);
                }
                case REFERRERS -> {
                    only(request, HttpMethod.GET);
                    manifests.referrers(context, tenant, name, target.reference());
                }
                case BLOB -> blobs.serve(context, tenant, name, target.reference());
                case UPLOADS -> {
                    only(request, HttpMethod.POST);
                    blobs.startUpload(context, tenant, name);
                }
                case UPLOAD -> blobs.upload(context, tenant, name, target.reference());
                default -> throw new IllegalStateException("unhandled " + target.kind());
            }
        } catch (RuntimeException e) {
            request.resume();
            RegistryReplies.send(request.response(), e);
        }
    }

    /** 405 {@code UNSUPPORTED} for a method the endpoint does not have. */
    static void only(HttpServerRequest request, HttpMethod... allowed) {
        for (HttpMethod method : allowed) {
            if (request.method() == method) {
                return;
            }
        }
        throw unsupported(request);
    }

    static RegistryException unsupported(HttpServerRequest request) {
        return new RegistryException(RegistryErrorCode.UNSUPPORTED, 405,
                request.method() + " is not supported on " + request.path(), Map.of());
    }
}
