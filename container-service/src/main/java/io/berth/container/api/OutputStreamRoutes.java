package io.berth.container.api;

import io.berth.container.ContainerState;
import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.container.api.logs.DockerLogStream;
import io.berth.container.api.logs.Frames;
import io.berth.container.api.logs.LogQuery;
import io.berth.container.clients.WorkerLog;
import io.berth.container.clients.WorkerStreams;
import io.berth.container.ContainerStdio;
import io.berth.container.events.ContainerEvents;
import io.berth.container.events.ContainerLabels;
import io.berth.events.container.ContainerActions;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.net.NetSocket;
import io.berth.container.service.ContainerLookup;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.api.Hijack;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Context;
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
    private final ContainerLabels labels;
    private final ContainerEvents events;
    private final OutboxRelay outbox;

    OutputStreamRoutes(ContainerLookup containers, WorkerStreams streams, Vertx vertx, ContainerLabels labels,
            ContainerEvents events, OutboxRelay outbox) {
        this.labels = labels;
        this.events = events;
        this.outbox = outbox;
        this.containers = containers;
        this.streams = streams;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/attach").order(ORDER).handler(this::attach);
        router.get("/containers/:id/logs").order(ORDER).handler(this::logs);
    }

    /**
     * Output from now on (with {@code logs}, from the log's start), until the run that is current (or, for a container
     * not running, the next one) is over; with {@code Upgrade: tcp} on the hijacked connection after 101, else as a
     * chunked 200. With {@code stdin} and a container whose stdin is open, the client's input goes to the run's stdin
     * until it half-closes, or until it types the detach keys: then Berth ends the attach, and the container runs on.
     * A terminal's output is raw and goes out as it comes; otherwise it is framed.
     */
    void attach(RoutingContext context) {
        boolean upgrade = "tcp".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
        LogQuery query = LogQuery.attach(QueryFlags.isTrue(context.request().getParam("stdout")),
                QueryFlags.isTrue(context.request().getParam("stderr")));
        boolean wantsStdin = QueryFlags.isTrue(context.request().getParam("stdin"));
        boolean withLogs = QueryFlags.isTrue(context.request().getParam("logs"));
        boolean stream = QueryFlags.isTrue(context.request().getParam("stream"));
        byte[] detachKeys;
        try {
            detachKeys = DetachKeys.parse(context.request().getParam("detachKeys"));
        } catch (InvalidParameterException e) {
            ErrorAnswers.send(context.response(), e);
            return;
        }
        withContainer(context, (tenant, container) -> {
            ContainerStdio stdio = labels.spec(container).stdio();
            // dockerd takes stdin only from a container whose stdin is open (moby daemon/attach.go).
            boolean useStdin = wantsStdin && stream && stdio.openStdin();
            if (useStdin && !upgrade) {
                ErrorAnswers.send(context.response(), new InvalidParameterException(
                        "attaching stdin needs the connection upgraded (Connection: Upgrade, Upgrade: tcp)"));
                return;
            }
            long run = attachedRun(container);
            // Without stream only what the log holds now (logs), or nothing.
            Long followed = stream ? run : null;
            Uni<HttpClientRequest> input = useStdin ? streams.stdin(tenant, container.id, run)
                    : Uni.createFrom().nullItem();
            Uni<WorkerLog> output = !withLogs && !stream ? Uni.createFrom().nullItem()
                    : streams.log(tenant, container.id, !withLogs, followed);
            // The request's own context: the detach event is written from the socket's handlers, outside it.
            Context request = Vertx.currentContext();
            announce(container, ContainerActions.ATTACH).flatMap(announced -> output).flatMap(log -> input.onFailure().invoke(e -> {
                if (log != null) {
                    hangUp(log);
                }
            }).map(stdin -> new Attached(log, stdin))).subscribe().with(attached -> {
                String mediaType = stdio.tty() ? Frames.RAW_MEDIA_TYPE : Frames.MEDIA_TYPE;
                if (!upgrade) {
                    HttpServerResponse response = sendHead(context, mediaType);
                    if (attached.log() == null) {
                        end(response);
                        return;
                    }
                    response.closeHandler(closed -> hangUp(attached.log()));
                    relay(attached.log(), query, stdio.tty(), response, () -> end(response), () -> reset(response));
                    return;
                }
                // 101 only now that the worker has fixed where the stream starts, so nothing is missed.
                Hijack.upgradeNotReading(context.request(), mediaType).onSuccess(socket -> {
                    Runnable closeStdin = () -> {
                        if (attached.stdin() != null) {
                            attached.stdin().connection().close();
                        }
                    };
                    socket.closeHandler(closed -> {
                        hangUp(attached.log());
                        closeStdin.run();
                    });
                    if (attached.stdin() != null) {
                        Runnable endAttach = () -> {
                            closeStdin.run();
                            hangUp(attached.log());
                            socket.close();
                        };
                        // dockerd watches for the detach keys on a terminal's stdin only (moby container/stream/attach.go).
                        DetachKeys.Scanner scanner = stdio.tty() ? new DetachKeys.Scanner(detachKeys) : null;
                        // The end of the client's input closes the container's stdin for StdinOnce without a
                        // terminal; otherwise the stdin stays open and the attach ends with it, as with dockerd.
                        boolean inputEndEndsAttach = stdio.tty() || !stdio.stdinOnce();
                        feedStdin(socket, attached.stdin(), scanner, () -> {
                            endAttach.run();
                            request.runOnContext(v -> announce(container, ContainerActions.DETACH).subscribe().with(done -> { }));
                        }, inputEndEndsAttach ? endAttach : null);
                    }
                    Hijack.startReading(socket);
                    if (attached.log() == null) {
                        socket.close();
                        return;
                    }
                    relay(attached.log(), query, stdio.tty(), socket, socket::close, socket::close);
                }).onFailure(e -> {
                    LOG.warnf("attach to %s could not take over the connection: %s", container.id, e.getMessage());
                    hangUp(attached.log());
                    if (attached.stdin() != null) {
                        attached.stdin().connection().close();
                    }
                });
            }, failure -> ErrorAnswers.send(context.response(), failure));
        });
    }

    /** What an attach streams: the run's output (null when nothing is asked of it) and its stdin (null without). */
    private record Attached(WorkerLog log, HttpClientRequest stdin) {
    }

    /**
     * The client's input goes to the run's stdin as it comes, held back while the worker's connection is full. The
     * detach keys (with a {@code scanner}) end the attach ({@code detach}); the client's half-close ends the stdin, or,
     * with {@code endOnInputEnd}, the attach.
     */
    static void feedStdin(NetSocket socket, HttpClientRequest stdin, DetachKeys.Scanner scanner,
            Runnable detach, Runnable endOnInputEnd) {
        socket.handler(data -> {
            byte[] passed = scanner == null ? data.getBytes() : scanner.pass(data.getBytes());
            if (passed.length > 0 && !stdin.writeQueueFull()) {
                stdin.write(Buffer.buffer(passed));
            } else if (passed.length > 0) {
                stdin.write(Buffer.buffer(passed));
                socket.pause();
                stdin.drainHandler(drained -> socket.resume());
            }
            if (scanner != null && scanner.detached()) {
                socket.handler(null);
                detach.run();
            }
        });
        Hijack.onInputShutdown(socket, () -> {
            if (endOnInputEnd != null) {
                endOnInputEnd.run();
                return;
            }
            try {
                stdin.end();
            } catch (IllegalStateException alreadyGone) {
                // the run ended first and the worker's connection with it
            }
        });
    }

    /**
     * An event about the container that changes no state (attach, detach), in a transaction of its own; one that
     * cannot be written is logged and never fails the stream.
     */
    private Uni<Void> announce(ContainerEntity container, String action) {
        return Panache.withTransaction(() -> events.publish(container, action))
                .invoke(outbox::wakeUp)
                .onFailure().invoke(failure -> LOG.warnf("%s event of %s not written: %s", action, container.id,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
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
            Long run = query.follow() && container.state().isRunning() ? container.run() : null;
            streams.log(tenant, container.id, false, run).subscribe().with(log -> {
                HttpServerResponse response = sendHead(context, tty(container) ? Frames.RAW_MEDIA_TYPE : Frames.MEDIA_TYPE);
                response.closeHandler(closed -> hangUp(log));
                if (!log.following() || query.until() == null) {
                    relay(log, query, tty(container), response, () -> end(response), () -> reset(response));
                    return;
                }
                // Docker stops following at until; what comes later is not asked for.
                long delay = Math.max(1, Duration.between(Instant.now(), query.until()).toMillis());
                long timer = vertx.setTimer(delay, fired -> {
                    hangUp(log);
                    end(response);
                });
                relay(log, query, tty(container), response, () -> {
                    vertx.cancelTimer(timer);
                    end(response);
                }, () -> reset(response));
            }, failure -> ErrorAnswers.send(context.response(), failure));
        });
    }

    /** The run attach waits for: the current one while it runs, else the next start's. */
    private static long attachedRun(ContainerEntity container) {
        return container.state().isRunning() ? container.run() : container.nextRun();
    }

    /** Whether the container has a terminal: its output is raw, not framed. */
    private boolean tty(ContainerEntity container) {
        return labels.spec(container).stdio().tty();
    }

    /**
     * Passes the worker's records on as Docker frames, reading no faster than the client takes them, and calls
     * {@code finish} when the worker's stream ended, {@code abort} when it broke.
     */
    static void relay(WorkerLog log, LogQuery query, boolean tty, WriteStream<Buffer> target, Runnable finish,
            Runnable abort) {
        // An attached terminal shows a prompt before its line ends; logs keep whole lines.
        relay(log, query, tty, tty && log.following(), target, finish, abort);
    }

    /** The same, with {@code raw} output (no frames) and records sent {@code asItComes} decided apart. */
    static void relay(WorkerLog log, LogQuery query, boolean raw, boolean asItComes, WriteStream<Buffer> target,
            Runnable finish, Runnable abort) {
        HttpClientResponse records = log.records();
        DockerLogStream frames = new DockerLogStream(query, log.pastBytes(), log.following(), raw, asItComes, frame -> {
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

    static void end(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    /** The worker's stream broke: the client must not take a cut stream for a complete one. */
    static void reset(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.reset();
        }
    }

    /** The client is gone: the worker's stream is not wanted any more. */
    static void hangUp(WorkerLog log) {
        if (log != null) {
            log.records().request().connection().close();
        }
    }

    private void withContainer(RoutingContext context, BiConsumer<TenantId, ContainerEntity> then) {
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        TenantId tenant = TenantGuard.of(context);
        containers.find(tenant, context.pathParam("id")).subscribe().with(container -> then.accept(tenant, container),
                failure -> ErrorAnswers.send(context.response(), failure));
    }
}
