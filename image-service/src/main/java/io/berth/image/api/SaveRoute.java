package io.berth.image.api;

import io.berth.image.archive.TarParts;
import io.berth.image.service.ImageSave;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.tenant.TenantGuard;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Iterator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code GET /images/get?names=…} and {@code GET /images/{name}/get} ({@code docker save}): the tar is written as it
 * goes, small members from memory and blobs straight from their files, with the response's own back-pressure, so an
 * archive of any size passes through without being held or copied. Names that name nothing are refused (404) before
 * the first byte.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageGetAll">ImageGetAll</a>
 */
@ApplicationScoped
public class SaveRoute {
    private static final Logger LOG = Logger.getLogger(SaveRoute.class);
    private static final int ORDER = -100;

    private final ImageSave save;

    SaveRoute(ImageSave save) {
        this.save = save;
    }

    void register(@Observes Router router) {
        router.get("/images/get").order(ORDER).handler(context -> save(context, context.queryParam("names")));
        router.getWithRegex("/images/(?<name>.+)/get").order(ORDER)
                .handler(context -> save(context, List.of(context.pathParam("name"))));
    }

    void save(RoutingContext context, List<String> names) {
        VertxContextSafetyToggle.setCurrentContextSafe(true);
        HttpServerResponse response = context.response();
        save.members(TenantGuard.of(context), names).subscribe().with(members -> {
            response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/x-tar");
            write(context.vertx(), response, members.iterator()).onComplete(done -> {
                if (done.succeeded()) {
                    response.end();
                } else {
                    // The head is out: only a broken connection can say the archive is not whole.
                    LOG.warnf("docker save broke off: %s", done.cause().getMessage());
                    response.reset();
                }
            });
        }, failure -> ErrorAnswers.send(response, failure));
    }

    private static Future<Void> write(Vertx vertx, HttpServerResponse response, Iterator<TarParts.Member> members) {
        if (!members.hasNext()) {
            return send(response, Buffer.buffer(TarParts.end()));
        }
        TarParts.Member member = members.next();
        Future<Void> body = send(response, Buffer.buffer(TarParts.header(member)));
        if (member.bytes() != null) {
            body = body.compose(ignored -> send(response, Buffer.buffer(member.bytes())));
        } else {
            body = body.compose(ignored -> vertx.fileSystem().open(member.file().toString(), new OpenOptions().setRead(true)))
                    .compose(file -> file.pipe().endOnSuccess(false).to(response).eventually(() -> file.close()));
        }
        return body.compose(ignored -> send(response, Buffer.buffer(TarParts.padding(member.size()))))
                .compose(ignored -> write(vertx, response, members));
    }

    /** Writes, then waits for the response to take more when its queue is full. */
    private static Future<Void> send(HttpServerResponse response, Buffer buffer) {
        if (buffer.length() == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> sent = Promise.promise();
        response.write(buffer).onFailure(sent::tryFail);
        if (response.writeQueueFull()) {
            response.drainHandler(drained -> sent.tryComplete());
        } else {
            sent.tryComplete();
        }
        return sent.future();
    }
}
