package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.worker.containers.ContainerDiff;
import io.berth.worker.inside.LookingInside;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /containers/{id}/diff?pause=1}: the container's change as a layer tar (docs/internal-api.md), for
 * image-service's {@code docker commit}; {@code GET /containers/{id}/export}: its whole root as a tar
 * ({@code docker export}). Read on a virtual thread, streamed as tar writes it.
 */
@ApplicationScoped
public class DiffRoutes {
    private static final int ORDER = -100;
    private final ContainerDiff diffs;
    private final LookingInside inside;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("container-diff-", 0).factory());

    DiffRoutes(ContainerDiff diffs, LookingInside inside) {
        this.diffs = diffs;
        this.inside = inside;
    }

    void register(@Observes Router router) {
        router.get("/containers/:id/diff").order(ORDER).handler(this::diff);
        router.get("/containers/:id/export").order(ORDER).handler(this::export);
    }

    void onStop(@Observes ShutdownEvent event) {
        threads.shutdownNow();
    }

    void diff(RoutingContext context) {
        boolean pause = "1".equals(context.request().getParam("pause")) || "true".equals(context.request().getParam("pause"));
        streamTar(context, (tenant, id, out) -> diffs.write(tenant, id, pause, out));
    }

    void export(RoutingContext context) {
        streamTar(context, inside::export);
    }

    /** What writes a container's tar. */
    interface TarWriter {
        void write(io.berth.kit.tenant.TenantId tenant, String id, java.io.OutputStream out);
    }

    /** Runs {@code writer} on a virtual thread, the answer's head going out with its first bytes. */
    private void streamTar(RoutingContext context, TarWriter writer) {
        context.request().pause();
        threads.execute(() -> {
            try {
                var tenant = TenantGuard.of(context);
                String id = context.pathParam("id");
                HttpServerResponse[] response = new HttpServerResponse[1];
                writer.write(tenant, id, new java.io.OutputStream() {
                    private ResponseOutput out;

                    @Override
                    public void write(int b) throws java.io.IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws java.io.IOException {
                        // The head goes out with the first bytes, so a refusal before them is still an error answer.
                        if (out == null) {
                            response[0] = sendHead(context, "application/x-tar");
                            out = new ResponseOutput(response[0]);
                        }
                        out.write(b, off, len);
                    }
                });
                (response[0] == null ? sendHead(context, "application/x-tar") : response[0]).end();
            } catch (Throwable e) {
                if (context.response().headWritten()) {
                    context.response().reset();
                } else {
                    ErrorAnswers.send(context.response(), e);
                }
            }
        });
    }
}
