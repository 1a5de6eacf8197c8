package io.berth.kit.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The one writer of Docker's error answer, {@code {"message": "..."}} as exactly {@code application/json} (the Go
 * client parses an error body only with that content type), with a JAX-RS face for resources and a Vert.x face for
 * raw routes and the gateway. A failure Berth did not expect is answered without its internals (no statement, no
 * address, no stack trace) and logged with a reference the answer names.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#section/Errors">Docker API errors</a>
 */
public final class ErrorAnswers {
    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    private ErrorAnswers() {
    }

    /** The status and message a failure answers with. */
    public record Answer(int status, String message) {
    }

    /** What {@code failure} answers: its category's status and words, or 500 with a log reference when unexpected. */
    public static Answer of(Throwable failure) {
        if (failure instanceof BerthException berth) {
            return new Answer(ErrorStatus.of(berth), berth.getMessage());
        }
        if (failure instanceof JsonProcessingException json) {
            return new Answer(400, JsonErrors.describe(json));
        }
        if (failure instanceof WebApplicationException web) {
            return ofFramework(web);
        }
        String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        LOG.errorf(failure, "internal error, reference %s", reference);
        return new Answer(500, "internal error in Berth (reference " + reference + "); the service log has the details");
    }

    /** JAX-RS' own failures: a converter's typed failure, unknown paths and methods, unreadable bodies. */
    private static Answer ofFramework(WebApplicationException web) {
        if (web.getCause() instanceof BerthException || web.getCause() instanceof JsonProcessingException) {
            return of(web.getCause());
        }
        int status = web.getResponse().getStatus();
        if (web instanceof NotAllowedException) {
            return new Answer(405, "method not allowed");
        }
        return switch (status) {
            // dockerd's words for a path it has no route for (moby api/server/server.go).
            case 404 -> new Answer(404, "page not found");
            case 413 -> new Answer(413, "request body too large");
            case 415 -> new Answer(400, "unsupported content type");
            default -> status >= 500 ? of(new IllegalStateException(web.getMessage(), web))
                    : new Answer(status, web.getMessage());
        };
    }

    /** Docker's error body for {@code message}. */
    public static String body(String message) {
        return new JsonObject().put("message", message).encode();
    }

    /** JAX-RS face: the answer for {@code failure}; 304 carries no body. */
    public static Response response(Throwable failure) {
        Answer answer = of(failure);
        return response(answer.status(), answer.message());
    }

    /** JAX-RS face: an error answer with Docker's body and content type. */
    public static Response response(int status, String message) {
        if (status == 304) {
            return Response.notModified().build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(message)).build();
    }

    /** Vert.x face: answers {@code failure}; once a stream's head is out the status cannot change, so it is cut. */
    public static void send(HttpServerResponse response, Throwable failure) {
        if (response.headWritten()) {
            LOG.debugf("stream failed after its head was sent: %s", failure.getMessage());
            response.reset();
            return;
        }
        Answer answer = of(failure);
        if (answer.status() >= 500 && failure instanceof BerthException) {
            LOG.warnf("answered %d: %s", answer.status(), answer.message());
        }
        send(response, answer.status(), answer.message());
    }

    /** Vert.x face: an error answer with Docker's body and content type, or a cut stream when its head is out. */
    public static void send(HttpServerResponse response, int status, String message) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (status == 304) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body(message));
    }

    /**
     * A peer's error answer read back into the category it stands for, with the peer's own words when its body is
     * Docker's error shape.
     */
    public static BerthException fromPeer(String part, int status, String body) {
        String message = null;
        if (body != null && body.startsWith("{")) {
            try {
                message = new JsonObject(body).getString("message");
            } catch (RuntimeException notJson) {
                // fall through to the generic words
            }
        }
        if (message == null || message.isBlank()) {
            message = part + " answered " + status;
        }
        return ErrorStatus.fromStatus(status, message);
    }
}
