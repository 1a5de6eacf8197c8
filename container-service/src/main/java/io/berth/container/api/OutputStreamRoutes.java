package io.berth.container.api;

import io.berth.container.ContainerState;
import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.container.api.logs.DockerLogStream;
import io.berth.container.api.logs.Frames;
import io.berth.container.api.logs.LogQuery;
import io.berth.container.clients.WorkerLog;
import io.berth.container.clients.WorkerStreams;
import io.berth.container.service.ContainerLookup;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.Hijack;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * A container's output in Docker's wire: {@code logs} and {@code attach}. The worker streams its log records
 * (docs/internal-api.md, "Log records"); here they become Docker's multiplexed frames, with Docker's log rules
 * ({@code tail}, {@code since}, {@code until}, {@code timestamps}, the streams) applied. Plain Vert.x routes, because
 * each decides when its head goes out: attach only once the worker has fixed where the output starts.
 */
@ApplicationScoped
public class OutputStreamRoutes {
    private static final Logger LOG = Logger.getLogger(OutputStreamRoutes.class);
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;

    private final ContainerLookup containers;
    private final WorkerStreams streams;
    private final Vertx vertx;

    OutputStreamRoutes(ContainerLookup containers, WorkerStreams streams, Vertx vertx) {
        this.containers = containers;
        this.streams = streams;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/attach").order(ORDER).handler(this::attach);
        router.get("/containers/:id/logs").order(ORDER).handler(this::logs);
    }

    /**
     * Output from now on, until the run that is current (or, for a container not running, the next one) is over;
     * with {@code Upgrade: tcp} on the hijacked connection after 101, else as a chunked 200.
     */
    void attach(RoutingContext context) {
        boolean upgrade = "tcp".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
        LogQuery query = LogQuery.attach(QueryFlags.isTrue(context.request().getParam("stdout")),
                QueryFlags.isTrue(context.request().getParam("stderr")));
        withContainer(context, (tenant, container) -> streams.log(tenant, container.id, true, attachedRun(container))
                .subscribe().with(log -> {
                    String mediaType = mediaType(container);
                    if (!upgrade) {
                        HttpServerResponse response = sendHead(context, mediaType);
                        response.closeHandler(closed -> hangUp(log));
                        relay(log, query, response, () -> end(response), () -> reset(response));
                        return;
                    }
                    // 101 only now that the worker has fixed where the stream starts, so nothing is missed.
                    Hijack.upgrade(context.request(), mediaType).onSuccess(socket -> {
                        socket.closeHandler(closed -> hangUp(log));
                        relay(log, query, socket, socket::close, socket::close);
                    }).onFailure(e -> {
                        LOG.warnf("attach to %s could not take over the connection: %s", container.id, e.getMessage());
                        hangUp(log);
                    });
                }, failure -> ErrorAnswers.send(context.response(), failure)));
    }

    /** The log so far, the last {@code tail} messages of it; with {@code follow}, then what the running run writes. */
    void logs(RoutingContext context) {
        LogQuery query;
        try {
            query = LogQuery.parse(context.request()::getParam);
        } catch (InvalidParameterException e) {
            ErrorAnswers.send(context.response(), e);
            return;
        }
        if (!query.stdout() && !query.stderr()) {
            ErrorAnswers.send(context.response(), new InvalidParameterException("Bad parameters: you must choose at least one stream"));
            return;
        }
        withContainer(context, (tenant, container) -> {
            // Only a running container has more to come; the worker follows the run it knows by this number.
            Long run = query.follow() && container.state() == ContainerState.RUNNING ? container.run() : null;
            streams.log(tenant, container.id, false, run).subscribe().with(log -> {
                HttpServerResponse response = sendHead(context, mediaType(container));
                response.closeHandler(closed -> hangUp(log));
                if (!log.following() || query.until() == null) {
                    relay(log, query, response, () -> end(response), () -> reset(response));
                    return;
                }
                // Docker stops following at until; what comes later is not asked for.
                long delay = Math.max(1, Duration.between(Instant.now(), query.until()).toMillis());
                long timer = vertx.setTimer(delay, fired -> {
                    hangUp(log);
                    end(response);
                });
                relay(log, query, response, () -> {
                    vertx.cancelTimer(timer);
                    end(response);
                }, () -> reset(response));
            }, failure -> ErrorAnswers.send(context.response(), failure));
        });
    }

    /** The run attach waits for: the current one while it runs, else the next start's. */
    private static long attachedRun(ContainerEntity container) {
        return container.state() == ContainerState.RUNNING ? container.run() : container.nextRun();
    }

    /** Multiplexed frames; a TTY container's raw stream comes with TTY support. */
    private static String mediaType(ContainerEntity container) {
        return Frames.MEDIA_TYPE;
    }

    /**
     * Passes the worker's records on as Docker frames, reading no faster than the client takes them, and calls
     * {@code finish} when the worker's stream ended, {@code abort} when it broke.
     */
    private static void relay(WorkerLog log, LogQuery query, WriteStream<Buffer> target, Runnable finish,
            Runnable abort) {
        HttpClientResponse records = log.records();
        DockerLogStream frames = new DockerLogStream(query, log.pastBytes(), log.following(), frame -> {
            try {
                target.write(Buffer.buffer(frame));
            } catch (IllegalStateException clientGone) {
                // what was in flight when the client hung up; its close handler hangs up on the worker
            }
        });
        records.handler(chunk -> {
            frames.accept(chunk.getBytes());
            if (target.writeQueueFull()) {
                records.pause();
                target.drainHandler(drained -> records.resume());
            }
        });
        records.endHandler(end -> {
            frames.end();
            finish.run();
        });
        records.exceptionHandler(e -> abort.run());
        records.resume();
    }

    private static void end(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    /** The worker's stream broke: the client must not take a cut stream for a complete one. */
    private static void reset(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.reset();
        }
    }

    /** The client is gone: the worker's stream is not wanted any more. */
    private static void hangUp(WorkerLog log) {
        log.records().request().connection().close();
    }

    private void withContainer(RoutingContext context, BiConsumer<TenantId, ContainerEntity> then) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        TenantId tenant = TenantGuard.of(context);
        containers.find(tenant, context.pathParam("id")).subscribe().with(container -> then.accept(tenant, container),
                failure -> ErrorAnswers.send(context.response(), failure));
    }
}
