package io.berth.worker.api;

import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.MetaStore;
import io.berth.worker.stdio.StdinPump;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code POST /containers/{id}/stdin?run=N}: the request body, streamed, is the container's stdin for run N
 * (docs/internal-api.md, "Stdin"). The stream may come before the run starts ({@code docker run -i} attaches first):
 * it waits for the run's conmon and then writes into its attach socket. The end of the body is the end of the
 * client's input (conmon closes the container's stdin then, unless it keeps it open); a connection that drops instead
 * (a detach) leaves it as conmon's settings say. Answers 204 once the input is over, or at once when run N is over
 * or has passed. A plain Vert.x route: the body must flow as it comes, and the socket calls block, so each stream has
 * platform threads of its own.
 */
@ApplicationScoped
public class StdinRoutes {
    /** Ahead of Quarkus REST's own route, which would otherwise take these paths. */
    private static final int ORDER = -100;
    private static final long LOOK_MILLIS = 10;
    private final MetaStore metas;
    private final RunStatuses statuses;
    private final ExecutorService streams = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("stdin-", 0).factory());

    StdinRoutes(MetaStore metas, RunStatuses statuses) {
        this.metas = metas;
        this.statuses = statuses;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/stdin").order(ORDER).handler(this::stdin);
    }

    void onStop(@Observes ShutdownEvent event) {
        streams.shutdownNow();
    }

    void stdin(RoutingContext context) {
        String id = context.pathParam("id");
        Context loop = Vertx.currentContext();
        context.request().pause();
        streams.execute(() -> {
            try {
                TenantId tenant = TenantGuard.of(context);
                Long run = RunParam.parse(context.request().getParam("run"));
                if (run == null) {
                    throw new InvalidParameterException("stdin needs the run's number: run must be a positive number");
                }
                metas.owned(tenant, id);
                Optional<java.nio.file.Path> socket = awaitSocket(id, run, context);
                if (socket.isEmpty()) {
                    if (!context.response().ended() && !context.response().closed()) {
                        context.response().setStatusCode(204).end();
                    }
                    return;
                }
                StdinPump.start(socket.get(), context.request(), context.response(), loop, streams);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    /**
     * Waits until run {@code run} lives under a conmon whose attach socket is there; empty when that run is over or
     * has passed, the container is gone, or the caller hung up.
     */
    private Optional<java.nio.file.Path> awaitSocket(String id, long run, RoutingContext context)
            throws InterruptedException {
        ContainerDir dir = metas.dir(id);
        while (!context.response().closed()) {
            Optional<ContainerMeta> meta = metas.load(id);
            if (meta.isEmpty() || meta.get().run() > run) {
                return Optional.empty();
            }
            if (meta.get().run() == run) {
                if (statuses.runOver(id, run)) {
                    return Optional.empty();
                }
                // The pid is recorded once the runtime started the process, after conmon bound its socket.
                if (meta.get().pid() > 0 && Files.exists(dir.attachSocket())) {
                    return Optional.of(dir.attachSocket());
                }
            }
            Thread.sleep(LOOK_MILLIS);
        }
        return Optional.empty();
    }
}
