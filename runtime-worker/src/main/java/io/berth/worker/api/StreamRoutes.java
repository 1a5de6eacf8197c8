package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.NodePaths;
import io.berth.worker.containers.AttachedStreams;
import io.berth.worker.containers.ContainerMeta;
import io.berth.worker.containers.ContainerService;
import io.berth.worker.containers.ContainerStatus;
import io.berth.worker.logs.LogQuery;
import io.berth.worker.logs.LogStreams;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code logs} and {@code attach}: plain Vert.x routes, because each decides when its status line and headers go
 * out (attach only once its starting offset is fixed). The streaming itself reads files and sleeps, so it runs on
 * a virtual thread of its own and never on an event loop.
 */
@ApplicationScoped
public class StreamRoutes {
    /** Docker's media type for multiplexed attach and logs streams (moby api/types/types.go). */
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;
    private final ContainerService containers;
    private final NodePaths paths;
    private final AttachedStreams attached;
    private final ExecutorService streams = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("stream-", 0).factory());

    StreamRoutes(ContainerService containers, NodePaths paths, AttachedStreams attached) {
        this.containers = containers;
        this.paths = paths;
        this.attached = attached;
    }

    void register(@Observes Router router) {
        router.get("/containers/:id/logs").order(ORDER).handler(this::logs);
        router.get("/containers/:id/attach").order(ORDER).handler(this::attach);
        router.post("/containers/:id/attach").order(ORDER).handler(this::attach);
    }

    void onStop(@Observes ShutdownEvent event) {
        streams.shutdownNow();
    }

    void logs(RoutingContext context) {
        String id = context.pathParam("id");
        context.request().pause();
        streams.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                LogQuery query = LogQuery.parse(context.request()::getParam);
                containers.find(tenant, id);
                Path log = paths.container(id).resolve("ctr.log");
                HttpServerResponse response = sendHead(context, MULTIPLEXED);
                LogStreams.logs(log, query, () -> !response.closed() && running(id), sink(response));
                end(response);
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    void attach(RoutingContext context) {
        String id = context.pathParam("id");
        boolean stdout = QueryFlags.isTrue(context.request().getParam("stdout"));
        boolean stderr = QueryFlags.isTrue(context.request().getParam("stderr"));
        context.request().pause();
        streams.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                ContainerMeta meta = containers.find(tenant, id);
                Path log = paths.container(id).resolve("ctr.log");
                // Fix the start before the head goes out: whatever is written after the caller sees 200 is sent.
                long offset = LogStreams.endOffset(log);
                Optional<ContainerStatus> now = containers.statusOf(id);
                long targetRun = now.isPresent() && now.get().running() ? meta.run() : meta.run() + 1;
                HttpServerResponse response = sendHead(context, MULTIPLEXED);
                attached.opened(id);
                try {
                    // A caller that hung up (docker run whose start failed) ends the stream too.
                    LogStreams.attach(log, offset, stdout, stderr,
                            () -> response.closed() || containers.runOver(id, targetRun), sink(response));
                } finally {
                    attached.closed(id);
                }
                end(response);
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    private boolean running(String id) {
        return containers.statusOf(id).map(ContainerStatus::running).orElse(false);
    }

    /** Writes frames, waiting while the client reads slower than the container writes. */
    private static LogStreams.Sink sink(HttpServerResponse response) {
        return frame -> {
            if (response.closed() || response.ended()) {
                return false;
            }
            response.write(Buffer.buffer(frame));
            try {
                while (response.writeQueueFull() && !response.closed()) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !response.closed();
        };
    }

    private static void end(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
