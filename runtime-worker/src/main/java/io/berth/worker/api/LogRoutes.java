package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.AttachedStreams;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.logs.LogStreams;
import io.berth.worker.state.MetaStore;
import io.berth.worker.state.RunEnds;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /containers/{id}/log}: the container's log records as conmon wrote them, k8s-file lines
 * (docs/internal-api.md, "Log records"). A plain Vert.x route, because the head goes out only once the stream's
 * starting point is fixed, carrying how much of the body was already in the log then. The streaming reads files and
 * sleeps, so it runs on a virtual thread of its own and never on an event loop.
 */
@ApplicationScoped
public class LogRoutes {
    /** How many bytes at the start of the body the log held when the call came; the rest came while following. */
    static final String PAST_BYTES = "X-Berth-Log-Past";
    /** The body is k8s-file lines: any bytes but newline inside a line. */
    static final String RECORDS = "application/octet-stream";
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;
    private final MetaStore metas;
    private final RunStatuses statuses;
    private final AttachedStreams following;
    private final RunEnds runEnds;
    private final ExecutorService streams = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("log-", 0).factory());

    LogRoutes(MetaStore metas, RunStatuses statuses, AttachedStreams following, RunEnds runEnds) {
        this.runEnds = runEnds;
        this.metas = metas;
        this.statuses = statuses;
        this.following = following;
    }

    void register(@Observes Router router) {
        router.get("/containers/:id/log").order(ORDER).handler(this::log);
    }

    void onStop(@Observes ShutdownEvent event) {
        streams.shutdownNow();
    }

    /**
     * {@code from=start} (default) or {@code end}: the first byte of the log, or the end of its last whole line
     * now. Without {@code run} the stream ends at the end of what the log holds now; with {@code run=N} it goes on
     * until run N (which may not have started yet) is over and everything it wrote was sent.
     */
    void log(RoutingContext context) {
        String id = context.pathParam("id");
        context.request().pause();
        streams.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                boolean fromEnd = fromEnd(context.request().getParam("from"));
                Long run = RunParam.parse(context.request().getParam("run"));
                metas.owned(tenant, id);
                Path log = metas.dir(id).log();
                // Fixed before the head goes out: whatever is written after the caller sees 200 is sent.
                long now = LogStreams.endOfLines(log);
                long from = fromEnd ? now : 0;
                context.response().putHeader(PAST_BYTES, Long.toString(now - from));
                HttpServerResponse response = sendHead(context, RECORDS);
                if (run == null) {
                    LogStreams.copy(log, from, now, sink(response));
                } else {
                    following.opened(id);
                    try {
                        // A caller that hung up (docker run whose start failed) ends the stream too.
                        LogStreams.follow(log, from, () -> response.closed() || statuses.runOver(id, run),
                                millis -> runEnds.await(id, millis), sink(response));
                    } finally {
                        following.closed(id);
                    }
                }
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    private static boolean fromEnd(String from) {
        if (from == null || from.isEmpty() || from.equals("start")) {
            return false;
        }
        if (from.equals("end")) {
            return true;
        }
        throw new InvalidParameterException("invalid value for from: " + from + " (start or end)");
    }

    /** Writes records, waiting while the caller reads slower than the container writes. */
    private static LogStreams.Sink sink(HttpServerResponse response) {
        return lines -> {
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
        };
    }
}
