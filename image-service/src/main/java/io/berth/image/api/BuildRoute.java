package io.berth.image.api;

import io.berth.image.build.executor.BuildFailure;
import io.berth.image.build.executor.BuildOutput;
import io.berth.image.build.steps.BuildMessages;
import io.berth.image.pull.RegistryConfigs;
import io.berth.image.service.ImageBuild;
import io.berth.kit.api.ApiVersion;
import io.berth.kit.api.BodyInputStream;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code POST /build} ({@code docker build} with {@code DOCKER_BUILDKIT=0}, docker-compose 1.x, docker-py): a plain
 * Vert.x route, because the context is read as it arrives and the answer is Docker's JSON stream, written as the build
 * goes. As in dockerd (moby api/server/router/build/build_routes.go, {@code postBuild}), what fails before the first
 * byte of the stream is an HTTP error with Docker's status and {@code {"message"}}; later it is an {@code errorDetail}
 * line (with a failed RUN's exit code, which the CLI exits with). With {@code q=1} the stream is held back: on success
 * only {@code {"stream":"sha256:<id>\n"}} is sent, on failure what was held and then the error. A client that hangs
 * up stops the build at its next message. {@code X-Registry-Config} gives the credentials a base image's pull uses.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageBuild">ImageBuild</a>
 */
@ApplicationScoped
public class BuildRoute {
    private static final int ORDER = -100;
    /** API 1.30 added the {@code aux} message with the image id (moby: {@code wantAux}). */
    static final ApiVersion MIN_API_BUILD_AUX = ApiVersion.of(1, 30);
    /** A build blocks for as long as it runs (context, blobs, database waits): one virtual thread each. */
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private final ImageBuild build;

    BuildRoute(ImageBuild build) {
        this.build = build;
    }

    void register(@Observes Router router) {
        router.post("/build").order(ORDER).handler(this::build);
    }

    void build(RoutingContext context) {
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerResponse response = context.response();
        TenantId tenant;
        BuildOptions options;
        boolean wantAux;
        RegistryConfigs registries;
        try {
            tenant = TenantGuard.of(context);
            options = BuildOptions.parse(query(context));
            String version = context.request().getHeader(InternalHeaders.API_VERSION);
            wantAux = version == null || version.isEmpty() || !ApiVersion.parse(version).isBefore(MIN_API_BUILD_AUX);
            registries = RegistryConfigs.fromHeader(context.request().getHeader("X-Registry-Config"));
        } catch (RuntimeException e) {
            context.request().resume();
            ErrorAnswers.send(response, e);
            return;
        }
        Context loop = Vertx.currentContext();
        BodyInputStream body = new BodyInputStream(context.request(), loop);
        Stream stream = new Stream(response, loop, options.quiet());
        response.closeHandler(closed -> stream.cancelled = true);
        THREADS.execute(() -> {
            String id = null;
            Throwable failure = null;
            // The work dir goes before the answer ends, so a client that sees the end sees nothing left behind.
            try (ImageBuild.Prepared prepared = build.prepare(body, options)) {
                id = build.run(tenant, options, prepared, stream, wantAux, registries);
            } catch (Throwable e) {
                failure = e;
            }
            if (failure == null) {
                stream.succeed(id);
            } else {
                loop.runOnContext(ignored -> context.request().resume());
                stream.fail(failure);
            }
        });
    }

    private static Map<String, List<String>> query(RoutingContext context) {
        Map<String, List<String>> query = new HashMap<>();
        context.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return query;
    }

    /** The build's answer: headers at the first message, then the messages in order, each through the request's context. */
    static final class Stream implements BuildOutput {
        private final HttpServerResponse response;
        private final Context context;
        private final boolean quiet;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean started;
        volatile boolean cancelled;

        Stream(HttpServerResponse response, Context context, boolean quiet) {
            this.response = response;
            this.context = context;
            this.quiet = quiet;
        }

        @Override
        public void write(byte[] message) {
            if (cancelled) {
                throw new CancellationException("the client went away");
            }
            if (quiet) {
                held.writeBytes(message);
            } else {
                send(message);
            }
        }

        void succeed(String imageId) {
            if (quiet) {
                send(BuildMessages.stream(imageId + "\n"));
            }
            end();
        }

        void fail(Throwable failure) {
            if (quiet && held.size() > 0) {
                send(held.toByteArray());
            }
            if (!started) {
                context.runOnContext(ignored -> {
                    if (!response.ended() && !response.closed()) {
                        ErrorAnswers.send(response, failure);
                    }
                });
                return;
            }
            byte[] error = failure instanceof BuildFailure f ? BuildMessages.error(f.getMessage(), f.code())
                    : BuildMessages.error(ErrorAnswers.of(failure).message(), 0);
            send(error);
            end();
        }

        private void send(byte[] bytes) {
            boolean first = !started;
            started = true;
            Buffer buffer = Buffer.buffer(bytes);
            context.runOnContext(ignored -> {
                if (response.ended() || response.closed()) {
                    return;
                }
                if (first) {
                    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                }
                response.write(buffer);
            });
        }

        private void end() {
            context.runOnContext(ignored -> {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            });
        }
    }
}
