package io.berth.container.api;

import static io.berth.kit.api.RawStreams.sendHead;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerStreams;
import io.berth.container.service.ContainerInsides;
import io.berth.container.service.ContainerLookup;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * The streamed views of a container's inside: {@code docker export} (the node's tar, passed through, then the
 * {@code export} event) and {@code docker stats} (Docker's stats JSON from the node's cgroup readings: one a second
 * while {@code stream}, else two a second apart so that the CPU share can be computed, or one with {@code one-shot}).
 * Plain Vert.x routes: each decides when its head goes out.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/stats.go">moby ContainerStats</a>
 */
@ApplicationScoped
public class InsideRoutes {
    private static final Logger LOG = Logger.getLogger(InsideRoutes.class);
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;
    /** dockerd's collector reads every second. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** moby's httputils.BoolValue: anything else is true. */
    private static final Set<String> FALSE = Set.of("", "0", "no", "false", "none");

    private final ContainerLookup containers;
    private final WorkerStreams streams;
    private final Worker worker;
    private final ContainerInsides insides;
    private final ObjectMapper json;

    InsideRoutes(ContainerLookup containers, WorkerStreams streams, Worker worker, ContainerInsides insides,
            ObjectMapper json) {
        this.containers = containers;
        this.streams = streams;
        this.worker = worker;
        this.insides = insides;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.get("/containers/:id/export").order(ORDER).handler(this::export);
        router.get("/containers/:id/stats").order(ORDER).handler(this::stats);
    }

    void export(RoutingContext context) {
        withContainer(context, (tenant, container) -> streams.export(tenant, container.id).subscribe().with(tar -> {
            HttpServerResponse response = sendHead(context, "application/x-tar");
            tar.pipeTo(response).onComplete(piped -> {
                if (piped.succeeded()) {
                    insides.announce(container, "export").subscribe().with(done -> { }, e -> { });
                } else {
                    LOG.debugf("export of %s ended early: %s", container.id, piped.cause().getMessage());
                }
            });
        }, failure -> ErrorAnswers.send(context.response(), failure)));
    }

    void stats(RoutingContext context) {
        String streamParam = context.request().getParam("stream");
        boolean stream = streamParam == null || streamParam.isEmpty() || !FALSE.contains(streamParam.trim().toLowerCase());
        String oneShotParam = context.request().getParam("one-shot");
        boolean oneShot = oneShotParam != null && !FALSE.contains(oneShotParam.trim().toLowerCase());
        withContainer(context, (tenant, container) -> {
            if (!container.state().isRunning()) {
                // dockerd answers a container that does not run with its empty stats, once (Berth: streamed too).
                sendHead(context, "application/json").end(line(empty(container)));
                return;
            }
            HttpServerResponse response = sendHead(context, "application/json");
            if (!stream) {
                Uni<ObjectNode> first = worker.stats(tenant, container.id);
                Uni<ObjectNode[]> readings = oneShot ? first.map(r -> new ObjectNode[] {null, r})
                        : first.flatMap(r1 -> Uni.createFrom().voidItem().onItem().delayIt().by(INTERVAL)
                                .flatMap(v -> worker.stats(tenant, container.id)).map(r2 -> new ObjectNode[] {r1, r2}));
                readings.subscribe().with(pair -> response.end(line(frame(container, pair[0], pair[1]))),
                        failure -> endAfter(response, container, failure));
                return;
            }
            boolean[] closed = {false};
            context.request().connection().closeHandler(v -> closed[0] = true);
            next(response, tenant, container, null, closed);
        });
    }

    /** One streamed frame, then the next a second later, until the client goes or the run ends. */
    private void next(HttpServerResponse response, TenantId tenant, ContainerEntity container, ObjectNode previous,
            boolean[] closed) {
        if (closed[0] || response.ended() || response.closed()) {
            return;
        }
        worker.stats(tenant, container.id).subscribe().with(reading -> {
            if (closed[0] || response.ended() || response.closed()) {
                return;
            }
            response.write(line(frame(container, previous, reading)));
            Uni.createFrom().voidItem().onItem().delayIt().by(INTERVAL).subscribe()
                    .with(v -> next(response, tenant, container, reading, closed));
        }, failure -> endAfter(response, container, failure));
    }

    /** A run that ended ends the answer; anything else cuts it, which the client shows as an error. */
    private static void endAfter(HttpServerResponse response, ContainerEntity container, Throwable failure) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (failure instanceof ConflictException) {
            response.end();
            return;
        }
        LOG.warnf("stats of %s cut: %s", container.id, failure.getMessage());
        response.reset();
    }

    /** Docker's {@code StatsJSON}: the reading, the previous one's time and CPU, the container's name and id. */
    private ObjectNode frame(ContainerEntity container, ObjectNode previous, ObjectNode reading) {
        ObjectNode frame = json.createObjectNode();
        frame.put("read", reading.path("read").asText(DockerTimes.ZERO));
        frame.put("preread", previous == null ? DockerTimes.ZERO : previous.path("read").asText(DockerTimes.ZERO));
        frame.set("pids_stats", reading.path("pids_stats"));
        frame.set("blkio_stats", reading.path("blkio_stats"));
        frame.put("num_procs", 0);
        frame.putObject("storage_stats");
        frame.set("cpu_stats", reading.path("cpu_stats"));
        frame.set("precpu_stats", previous == null ? zeroCpu() : previous.path("cpu_stats"));
        frame.set("memory_stats", reading.path("memory_stats"));
        frame.put("name", "/" + container.name);
        frame.put("id", container.id);
        return frame;
    }

    /** dockerd's stats of a container that does not run: zero values, its name and id. */
    private ObjectNode empty(ContainerEntity container) {
        ObjectNode frame = json.createObjectNode();
        frame.put("read", DockerTimes.ZERO);
        frame.put("preread", DockerTimes.ZERO);
        frame.putObject("pids_stats");
        ObjectNode blkio = frame.putObject("blkio_stats");
        for (String key : new String[] {"io_service_bytes_recursive", "io_serviced_recursive", "io_queue_recursive",
                "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive",
                "sectors_recursive"}) {
            blkio.putNull(key);
        }
        frame.put("num_procs", 0);
        frame.putObject("storage_stats");
        frame.set("cpu_stats", zeroCpu());
        frame.set("precpu_stats", zeroCpu());
        frame.putObject("memory_stats");
        frame.put("name", "/" + container.name);
        frame.put("id", container.id);
        return frame;
    }

    private ObjectNode zeroCpu() {
        ObjectNode cpu = json.createObjectNode();
        ObjectNode usage = cpu.putObject("cpu_usage");
        usage.put("total_usage", 0).put("usage_in_kernelmode", 0).put("usage_in_usermode", 0);
        cpu.putObject("throttling_data").put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0);
        return cpu;
    }

    private io.vertx.core.buffer.Buffer line(ObjectNode frame) {
        return io.vertx.core.buffer.Buffer.buffer(frame.toString() + "\n");
    }

    private void withContainer(RoutingContext context, BiConsumer<TenantId, ContainerEntity> then) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        TenantId tenant = TenantGuard.of(context);
        containers.find(tenant, context.pathParam("id")).subscribe().with(container -> then.accept(tenant, container),
                failure -> ErrorAnswers.send(context.response(), failure));
    }
}
