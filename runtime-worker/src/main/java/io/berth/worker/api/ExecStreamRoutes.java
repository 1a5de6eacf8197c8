package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.execs.ExecDir;
import io.berth.worker.execs.ExecSessions;
import io.berth.worker.logs.LogStreams;
import io.berth.worker.stdio.StdinPump;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An exec session's streams (docs/internal-api.md, "Exec sessions"): {@code GET .../execs/{exec}/log}, its output as
 * k8s-file lines from the first byte until the session is over and all of it was sent, and
 * {@code POST .../execs/{exec}/stdin}, the request body streamed into its stdin (the body's end ends the input). Plain
 * Vert.x routes, as the container's own log and stdin ({@link LogRoutes}, {@link StdinRoutes}).
 */
@ApplicationScoped
public class ExecStreamRoutes {
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;
    private final ExecSessions execs;
    private final ExecutorService logs = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("exec-log-", 0).factory());
    /** Socket calls block in native code: platform threads, as {@link StdinRoutes}. */
    private final ExecutorService stdins = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("exec-stdin-", 0).factory());

    ExecStreamRoutes(ExecSessions execs) {
        this.execs = execs;
    }

    void register(@Observes Router router) {
        router.get("/containers/:id/execs/:exec/log").order(ORDER).handler(this::log);
        router.post("/containers/:id/execs/:exec/stdin").order(ORDER).handler(this::stdin);
    }

    void onStop(@Observes ShutdownEvent event) {
        logs.shutdownNow();
        stdins.shutdownNow();
    }

    void log(RoutingContext context) {
        String execId = context.pathParam("exec");
        context.request().pause();
        logs.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                execs.status(tenant, context.pathParam("id"), execId);
                ExecDir dir = execs.dir(execId);
                context.response().putHeader(LogRoutes.PAST_BYTES, "0");
                HttpServerResponse response = sendHead(context, LogRoutes.RECORDS);
                LogStreams.follow(dir.log(), 0, () -> response.closed() || execs.over(execId), Thread::sleep,
                        lines -> write(response, lines));
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    void stdin(RoutingContext context) {
        String execId = context.pathParam("exec");
        Context loop = Vertx.currentContext();
        context.request().pause();
        stdins.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                boolean running = execs.status(tenant, context.pathParam("id"), execId).running();
                ExecDir dir = execs.dir(execId);
                if (!running || !Files.exists(dir.attachSocket())) {
                    // Over already, or without an open stdin: nothing takes the input.
                    context.response().setStatusCode(204).end();
                    return;
                }
                StdinPump.start(dir.attachSocket(), context.request(), context.response(), loop, stdins);
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    private static boolean write(HttpServerResponse response, byte[] lines) {
        if (response.closed() || response.ended()) {
            return false;
        }
        response.write(Buffer.buffer(lines));
        try {
            while (response.writeQueueFull() && !response.closed()) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !response.closed();
    }
}
