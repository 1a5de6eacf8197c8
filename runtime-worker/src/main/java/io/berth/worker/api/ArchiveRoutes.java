package io.berth.worker.api;

import static io.berth.kit.api.RawStreams.sendHead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.api.BodyInputStream;
import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.ContainerArchive;
import io.berth.worker.containers.PathStat;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code HEAD|GET|PUT /containers/{id}/archive?path=} ({@code docker cp}, docs/internal-api.md "Archives"): what a
 * path is, in Docker's {@code X-Docker-Container-Path-Stat} header; the path as a tar; a tar extracted into a
 * directory ({@code noOverwriteDirNonDir}, {@code copyUIDGID}). {@code ref} is how the client named the container, for
 * Docker's words when a path is absent. The files are read and written on virtual threads, the tar streamed.
 */
@ApplicationScoped
public class ArchiveRoutes {
    static final String STAT_HEADER = "X-Docker-Container-Path-Stat";
    private static final int ORDER = -100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContainerArchive archives;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("container-archive-", 0).factory());

    ArchiveRoutes(ContainerArchive archives) {
        this.archives = archives;
    }

    void register(@Observes Router router) {
        router.head("/containers/:id/archive").order(ORDER).handler(context -> read(context, false));
        router.get("/containers/:id/archive").order(ORDER).handler(context -> read(context, true));
        router.put("/containers/:id/archive").order(ORDER).handler(this::extract);
    }

    void onStop(@Observes ShutdownEvent event) {
        threads.shutdownNow();
    }

    private void read(RoutingContext context, boolean withBody) {
        context.request().pause();
        threads.execute(() -> {
            try {
                ContainerArchive.Source source = archives.source(TenantGuard.of(context), context.pathParam("id"),
                        ref(context), context.request().getParam("path"));
                context.response().putHeader(STAT_HEADER, encode(source.stat()));
                if (!withBody) {
                    context.response().setStatusCode(200).end();
                    return;
                }
                HttpServerResponse response = sendHead(context, "application/x-tar");
                source.writeTo(new ResponseOutput(response));
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

    private void extract(RoutingContext context) {
        TenantId tenant;
        try {
            tenant = TenantGuard.of(context);
        } catch (RuntimeException e) {
            ErrorAnswers.send(context.response(), e);
            return;
        }
        BodyInputStream body = new BodyInputStream(context.request(), Vertx.currentContext());
        threads.execute(() -> {
            try (body) {
                archives.extract(tenant, context.pathParam("id"), ref(context), context.request().getParam("path"), body,
                        QueryFlags.isTrue(context.request().getParam("noOverwriteDirNonDir")),
                        QueryFlags.isTrue(context.request().getParam("copyUIDGID")));
                context.response().setStatusCode(200).end();
            } catch (Throwable e) {
                ErrorAnswers.send(context.response(), e);
            }
        });
    }

    private static String ref(RoutingContext context) {
        String ref = context.request().getParam("ref");
        return ref == null || ref.isEmpty() ? context.pathParam("id") : ref;
    }

    private static String encode(PathStat stat) {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsString(stat).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
