package io.berth.container.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.container.ExecSettings;
import io.berth.container.api.logs.Frames;
import io.berth.container.api.logs.LogQuery;
import io.berth.container.clients.WorkerExecStatus;
import io.berth.container.clients.WorkerLog;
import io.berth.container.clients.WorkerStreams;
import io.berth.container.service.ExecSessions;
import io.berth.kit.api.Hijack;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * {@code POST /exec/{id}/start}: detached (200 at once, the session followed in the background until it ends), or
 * attached, on the hijacked connection after 101 ({@code Upgrade: tcp}) or as a chunked 200 (docker-java without
 * stdin): the session's output as Docker's frames (raw when the start says {@code Tty}, as dockerd decides), its stdin
 * from the client with the detach keys watched on a terminal's. The exit code is recorded before the stream ends, for
 * the docker CLI reads it the moment the stream is over. A command the runtime cannot exec is, as with dockerd, its
 * words on the stream (attached) or a 400 (detached), and exit code 126. A plain Vert.x route: it decides when its
 * head goes out.
 */
@ApplicationScoped
public class ExecStreamRoutes {
    private static final Logger LOG = Logger.getLogger(ExecStreamRoutes.class);
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;

    private final ExecSessions sessions;
    private final WorkerStreams streams;

    ExecStreamRoutes(ExecSessions sessions, WorkerStreams streams) {
        this.sessions = sessions;
        this.streams = streams;
    }

    void register(@Observes Router router) {
        router.post("/exec/:id/start").order(ORDER).handler(this::start);
    }

    void start(RoutingContext context) {
        boolean upgrade = "tcp".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
        // This route runs on the request's own duplicated context; Hibernate Reactive may use it.
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        Context request = Vertx.currentContext();
        context.request().body().onSuccess(body -> request.runOnContext(v -> {
            ExecStartRequest start;
            TenantId tenant;
            try {
                start = ExecStartRequest.read(body.getBytes());
                tenant = TenantGuard.of(context);
            } catch (RuntimeException e) {
                ErrorAnswers.send(context.response(), e);
                return;
            }
            String execId = context.pathParam("id");
            sessions.find(tenant, execId).subscribe().with(session -> {
                if (start.detach()) {
                    detached(context, tenant, session, start);
                } else {
                    attached(context, tenant, session, start, upgrade);
                }
            }, failure -> ErrorAnswers.send(context.response(), failure));
        })).onFailure(e -> ErrorAnswers.send(context.response(), 400, "the request body could not be read"));
        context.request().resume();
    }

    private void detached(RoutingContext context, TenantId tenant, ExecSessions.Session session, ExecStartRequest start) {
        int[] size = start.size();
        sessions.start(tenant, session, false, size[0], size[1]).subscribe().with(status -> {
            if (status.error() != null) {
                ErrorAnswers.send(context.response(), new InvalidParameterException(status.error()));
                return;
            }
            context.response().setStatusCode(200).end();
            if (status.running()) {
                follow(tenant, session);
            }
        }, failure -> ErrorAnswers.send(context.response(), failure));
    }

    /** Follows a session nobody is attached to until it ends, then records its end. */
    private void follow(TenantId tenant, ExecSessions.Session session) {
        streams.execLog(tenant, session.row().containerId, session.row().id).subscribe().with(log -> {
            log.records().handler(dropped -> { });
            log.records().endHandler(end -> recordEnd(tenant, session).subscribe().with(done -> { }));
            log.records().exceptionHandler(e -> recordEnd(tenant, session).subscribe().with(done -> { }));
            log.records().resume();
        }, failure -> LOG.warnf("cannot follow exec %s: %s", session.row().id, failure.getMessage()));
    }

    private Uni<Void> recordEnd(TenantId tenant, ExecSessions.Session session) {
        return sessions.recordEnd(tenant, session)
                .onFailure().invoke(e -> LOG.warnf("end of exec %s not recorded: %s", session.row().id, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private void attached(RoutingContext context, TenantId tenant, ExecSessions.Session session,
            ExecStartRequest start, boolean upgrade) {
        ExecSettings settings = session.settings();
        boolean useStdin = settings.attachStdin() && upgrade;
        boolean raw = start.tty();
        String mediaType = raw ? Frames.RAW_MEDIA_TYPE : Frames.MEDIA_TYPE;
        LogQuery query = LogQuery.attach(settings.attachStdout(), settings.attachStderr());
        int[] size = start.size();
        String containerId = session.row().containerId;
        String execId = session.row().id;
        byte[] detachKeys = DetachKeys.parse(settings.detachKeys());
        sessions.start(tenant, session, useStdin, size[0], size[1])
                .flatMap(status -> status.error() != null ? Uni.createFrom().item(new Attached(status, null, null))
                        : streams.execLog(tenant, containerId, execId).flatMap(log -> (useStdin
                                ? streams.execStdin(tenant, containerId, execId)
                                : Uni.createFrom().<HttpClientRequest>nullItem())
                                .onFailure().invoke(e -> OutputStreamRoutes.hangUp(log))
                                .map(stdin -> new Attached(status, log, stdin))))
                .subscribe().with(attached -> {
                    if (!upgrade) {
                        HttpServerResponse response = sendHead(context, mediaType);
                        if (attached.log() == null) {
                            writeError(response, attached.status(), raw);
                            OutputStreamRoutes.end(response);
                            return;
                        }
                        response.closeHandler(closed -> OutputStreamRoutes.hangUp(attached.log()));
                        OutputStreamRoutes.relay(attached.log(), query, raw, settings.tty(), response,
                                () -> recordEnd(tenant, session).subscribe().with(done -> OutputStreamRoutes.end(response)),
                                () -> OutputStreamRoutes.reset(response));
                        return;
                    }
                    Hijack.upgradeNotReading(context.request(), mediaType).onSuccess(socket -> {
                        if (attached.log() == null) {
                            writeError(socket, attached.status(), raw);
                            socket.close();
                            return;
                        }
                        hijacked(socket, tenant, session, attached, query, raw, detachKeys);
                    }).onFailure(e -> {
                        LOG.warnf("exec %s could not take over the connection: %s", execId, e.getMessage());
                        OutputStreamRoutes.hangUp(attached.log());
                        if (attached.stdin() != null) {
                            attached.stdin().connection().close();
                        }
                    });
                }, failure -> ErrorAnswers.send(context.response(), failure));
    }

    private void hijacked(NetSocket socket, TenantId tenant, ExecSessions.Session session, Attached attached,
            LogQuery query, boolean raw, byte[] detachKeys) {
        ExecSettings settings = session.settings();
        Runnable closeStdin = () -> {
            if (attached.stdin() != null) {
                attached.stdin().connection().close();
            }
        };
        boolean[] detached = {false};
        socket.closeHandler(closed -> {
            OutputStreamRoutes.hangUp(attached.log());
            closeStdin.run();
        });
        if (attached.stdin() != null) {
            Runnable endAttach = () -> {
                closeStdin.run();
                OutputStreamRoutes.hangUp(attached.log());
                socket.close();
            };
            // dockerd watches a terminal's input for the keys (moby container/stream/attach.go).
            DetachKeys.Scanner scanner = settings.tty() ? new DetachKeys.Scanner(detachKeys) : null;
            // An exec's stdin closes with the client's input, but for a terminal's: then the attach ends instead.
            OutputStreamRoutes.feedStdin(socket, attached.stdin(), scanner, () -> {
                detached[0] = true;
                endAttach.run();
                sessions.detached(session).subscribe().with(done -> { }, e -> { });
                // Nobody waits for the end any more: the session is followed until it comes.
                follow(tenant, session);
            }, settings.tty() ? endAttach : null);
        }
        Hijack.startReading(socket);
        OutputStreamRoutes.relay(attached.log(), query, raw, settings.tty(), socket,
                () -> recordEnd(tenant, session).subscribe().with(done -> {
                    if (!detached[0]) {
                        socket.close();
                    }
                }), socket::close);
    }

    /** dockerd writes why the exec could not start on the stream itself, as stdout (moby router/container/exec.go). */
    private static void writeError(WriteStream<Buffer> target, WorkerExecStatus status, boolean raw) {
        byte[] words = (status.error() + "\r\n").getBytes(StandardCharsets.UTF_8);
        target.write(Buffer.buffer(raw ? words : Frames.frame(1, words)));
    }

    /** What an attached start streams: the worker's facts, its output (null when it never started), its stdin. */
    private record Attached(WorkerExecStatus status, WorkerLog log, HttpClientRequest stdin) {
    }
}
