package io.berth.kit.errors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place a failure becomes an HTTP answer: Docker's status for the category and {@code {"message": ...}},
 * never a stack trace. The Go client parses the body only when the content type is exactly
 * {@code application/json}, so that is what every error says.
 */
public class DockerErrorMapper {
    private static final Logger LOG = Logger.getLogger(DockerErrorMapper.class);

    @ServerExceptionMapper
    public Response berth(BerthException e) {
        if (e.status() == 304) {
            return Response.notModified().build();
        }
        return answer(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof BerthException cause) {
            // A parameter converter's own failure (a bad tenant header): its category and words, not "invalid JSON".
            return berth(cause);
        }
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return answer(404, "page not found");
        }
        if (e instanceof NotAllowedException) {
            return answer(405, "method not allowed");
        }
        String message = e.getMessage();
        if (status == 400 && e.getCause() != null && e.getCause().getMessage() != null) {
            // JSON binding failures: say what could not be read, as dockerd does for a malformed body.
            message = "invalid JSON: " + firstLine(e.getCause().getMessage());
        }
        return answer(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return answer(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** An error answer with Docker's body and content type. */
    public static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new DockerError(message)).build();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
