package io.berth.kit.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Hands every failure of a JAX-RS resource to {@link ErrorAnswers}. One mapper per type, because Quarkus REST picks
 * the most specific mapper and would otherwise use its own (quarkus-rest-jackson answers a
 * {@link MismatchedInputException} with 400 and an empty body).
 */
public class DockerErrorMapper {
    @ServerExceptionMapper
    public Response berth(BerthException e) {
        return ErrorAnswers.response(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return ErrorAnswers.response(e);
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return ErrorAnswers.response(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ErrorAnswers.response(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return ErrorAnswers.response(e);
    }
}
