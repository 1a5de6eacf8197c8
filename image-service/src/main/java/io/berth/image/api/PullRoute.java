package io.berth.image.api;

import io.berth.image.ImageReference;
import io.berth.image.pull.Platform;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.service.ImagePull;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * {@code POST /images/create?fromImage=&tag=&platform=} ({@code docker pull}, and {@code docker run} of an image it
 * does not find): a plain Vert.x route, because the answer is Docker's progress stream, written as the pull goes.
 * What fails before the first layer (a bad reference, an image the registry does not have, credentials it refuses, a
 * registry it cannot reach) is answered with dockerd's status and message; what fails later is an in-band
 * {@code errorDetail} line, as dockerd does once its stream has begun (moby api/server/router/image, postImagesCreate).
 * {@code X-Registry-Auth} carries the credentials. Without a tag or digest, every tag of the repository is pulled on one
 * stream ({@code docker pull --all-tags}). An import ({@code fromSrc}) is {@link ImportRoute}'s.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageCreate">ImageCreate</a>
 */
@ApplicationScoped
public class PullRoute {
    private static final int ORDER = -100;

    private final ImagePull pull;

    PullRoute(ImagePull pull) {
        this.pull = pull;
    }

    void register(@Observes Router router) {
        router.post("/images/create").order(ORDER).handler(this::create);
    }

    void create(RoutingContext context) {
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerResponse response = context.response();
        ImagePull.Request request;
        TenantId tenant;
        try {
            tenant = TenantGuard.of(context);
            request = request(context);
        } catch (RuntimeException e) {
            ErrorAnswers.send(response, e);
            return;
        }
        if (request.allTags()) {
            pull.tags(tenant, request).subscribe().with(tags -> stream(response, stream -> pull.runAll(tenant, request, tags, stream)),
                    failure -> ErrorAnswers.send(response, failure));
            return;
        }
        pull.resolve(tenant, request).subscribe().with(plan -> stream(response, stream -> pull.run(tenant, plan, stream)),
                failure -> ErrorAnswers.send(response, failure));
    }

    /** Starts Docker's progress stream and ends it when {@code work} ends, with an {@code errorDetail} if it failed. */
    private static void stream(HttpServerResponse response, Function<ProgressStream, Uni<Void>> work) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        ProgressStream stream = new ProgressStream(response, Vertx.currentContext());
        work.apply(stream).subscribe().with(done -> stream.end(null), failure -> stream.end(failure));
    }

    private static ImagePull.Request request(RoutingContext context) {
        String fromImage = context.request().getParam("fromImage");
        if (fromImage == null || fromImage.isBlank()) {
            throw new InvalidParameterException("fromImage must name the image to pull");
        }
        // Neither a tag nor a digest is `docker pull --all-tags` (the CLI sends tag=latest for a plain `docker pull x`).
        ImageReference reference = ImageReference.parse(reference(fromImage, context.request().getParam("tag")));
        return new ImagePull.Request(reference, Platform.parse(context.request().getParam("platform")),
                RegistryCredentials.fromHeader(context.request().getHeader("X-Registry-Auth")));
    }

    /** moby's postImagesCreate: the tag parameter is a tag, or a digest when it has the digest form. */
    static String reference(String fromImage, String tag) {
        if (tag == null || tag.isEmpty()) {
            return fromImage;
        }
        return fromImage + (tag.contains(":") ? "@" : ":") + tag;
    }
}
