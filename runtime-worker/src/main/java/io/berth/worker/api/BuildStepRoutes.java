package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.build.BuildSteps;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A classic build's RUN steps (docs/internal-api.md, "runtime-worker", build steps), for image-service:
 * {@code POST /build-steps/{id}} with {@code {"image": {"repository", "digest"}, "spec": {...}}} runs the step and
 * streams its output as frames ({@code [stream, 0, 0, 0, length (4 bytes, big endian)]} then the bytes; stream 1 is
 * stdout, 2 stderr, and a last frame 3 holds the exit code in decimal); {@code GET /build-steps/{id}/diff} is its
 * change as a layer tar; {@code DELETE /build-steps/{id}} removes it. Plain Vert.x routes on virtual threads: a step
 * runs as long as its command does.
 */
@ApplicationScoped
public class BuildStepRoutes {
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int EXIT = 3;
    private static final int ORDER = -100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BuildSteps steps;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("build-step-", 0).factory());

    BuildStepRoutes(BuildSteps steps) {
        this.steps = steps;
    }

    void register(@Observes Router router) {
        router.post("/build-steps/:id").order(ORDER).handler(BodyHandler.create().setBodyLimit(4 << 20));
        router.post("/build-steps/:id").order(ORDER + 1).handler(this::run);
        router.get("/build-steps/:id/diff").order(ORDER).handler(this::diff);
        router.delete("/build-steps/:id").order(ORDER).handler(this::delete);
    }

    void onStop(@Observes ShutdownEvent event) {
        threads.shutdownNow();
    }

    void run(RoutingContext context) {
        threads.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                JsonNode body = JSON.readTree(context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes());
                JsonNode image = body == null ? null : body.path("image");
                if (image == null || !image.path("repository").isTextual() || !body.path("spec").isObject()) {
                    throw new InvalidParameterException("body must be {\"image\": {\"repository\", \"digest\"}, \"spec\": {...}}");
                }
                Digest digest;
                try {
                    digest = Digest.parse(image.path("digest").asText());
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("image: " + e.getMessage(), e);
                }
                Spec spec = SpecJson.read(JSON.writeValueAsBytes(body.get("spec")));
                HttpServerResponse[] response = new HttpServerResponse[1];
                int exit = steps.run(tenant, context.pathParam("id"), image.path("repository").asText(), digest, spec,
                        (stream, bytes, length) -> {
                            if (response[0] == null) {
                                response[0] = sendHead(context, "application/octet-stream");
                            }
                            write(response[0], frame(stream, bytes, length));
                        });
                HttpServerResponse out = response[0] == null ? sendHead(context, "application/octet-stream") : response[0];
                byte[] code = Integer.toString(exit).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                write(out, frame(EXIT, code, code.length));
                if (!out.ended() && !out.closed()) {
                    out.end();
                }
            } catch (Throwable e) {
                if (context.response().headWritten()) {
                    context.response().reset();
                } else {
                    ErrorAnswers.send(context.response(), e);
                }
            }
        });
    }

    void diff(RoutingContext context) {
        context.request().pause();
        threads.execute(() -> {
            try {
                TenantGuard.of(context);
                String id = context.pathParam("id");
                HttpServerResponse response = sendHead(context, "application/x-tar");
                steps.diff(id, new ResponseOutput(response));
                response.end();
            } catch (Throwable e) {
                if (context.response().headWritten()) {
                    context.response().reset();
                } else {
                    ErrorAnswers.send(context.response(), e);
                }
            }
        });
    }

    void delete(RoutingContext context) {
        context.request().pause();
        threads.execute(() -> {
            try {
                TenantGuard.of(context);
                steps.delete(context.pathParam("id"));
                context.response().setStatusCode(204).end();
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    static Buffer frame(int stream, byte[] bytes, int length) {
        return Buffer.buffer(8 + length).appendByte((byte) stream).appendBytes(new byte[3]).appendInt(length)
                .appendBytes(bytes, 0, length);
    }

    private static void write(HttpServerResponse response, Buffer buffer) {
        ResponseOutput.write(response, buffer);
    }
}
