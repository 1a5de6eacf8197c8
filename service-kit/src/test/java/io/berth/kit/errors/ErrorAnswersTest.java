package io.berth.kit.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorAnswersTest {
    /** A body shape like a create request's, to provoke Jackson's own failures. */
    record Body(List<String> Cmd, boolean Tty) {
    }

    @Test
    void aCategoryAnswersWithItsStatusAndWords() {
        ErrorAnswers.Answer answer = ErrorAnswers.of(new io.berth.kit.errors.NotFoundException("No such container: x"));
        assertThat(answer).isEqualTo(new ErrorAnswers.Answer(404, "No such container: x"));
    }

    @Test
    void theBodyIsDockersErrorShapeAsJson() {
        Response response = ErrorAnswers.response(409, "in \"use\"");
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo("{\"message\":\"in \\\"use\\\"\"}");
    }

    @Test
    void notModifiedHasNoBody() {
        Response response = ErrorAnswers.response(new NotModifiedException("container already started"));
        assertThat(response.getStatus()).isEqualTo(304);
        assertThat(response.getEntity()).isNull();
    }

    @Test
    void anUnexpectedFailureKeepsItsInternalsToTheLog() {
        ErrorAnswers.Answer answer = ErrorAnswers.of(new IllegalStateException(
                "ERROR: value too long for type character varying(255) [insert into container (id,name) values ($1,$2)]"));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.message()).startsWith("internal error in Berth (reference ").doesNotContain("insert", "varying");
    }

    @Test
    void aWrongJsonTypeNamesTheFieldAndTheKinds() {
        MismatchedInputException number = readFailure("{\"Cmd\": 5}");
        assertThat(ErrorAnswers.of(number)).isEqualTo(new ErrorAnswers.Answer(400,
                "json: cannot unmarshal number into field Cmd of type array"));
        MismatchedInputException string = readFailure("{\"Tty\": [1]}");
        assertThat(ErrorAnswers.of(string).message()).isEqualTo("json: cannot unmarshal array into field Tty of type bool");
    }

    @Test
    void malformedJsonSaysWhereWithoutJavaNames() {
        ErrorAnswers.Answer answer = ErrorAnswers.of(readFailure("{\"Cmd\": [}"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).startsWith("invalid JSON: ").doesNotContain("io.berth", "java.");
    }

    @Test
    void frameworkFailuresReadLikeDockerd() {
        assertThat(ErrorAnswers.of(new NotFoundException())).isEqualTo(new ErrorAnswers.Answer(404, "page not found"));
        assertThat(ErrorAnswers.of(new NotAllowedException("GET"))).isEqualTo(new ErrorAnswers.Answer(405, "method not allowed"));
    }

    @Test
    void aPeersAnswerReadsBackWithItsOwnWords() {
        BerthException conflict = ErrorAnswers.fromPeer("runtime worker", 409, "{\"message\":\"container x is not running\"}");
        assertThat(conflict).isInstanceOf(ConflictException.class).hasMessage("container x is not running");
        BerthException bare = ErrorAnswers.fromPeer("image-service", 503, "");
        assertThat(bare).isInstanceOf(UnavailableException.class).hasMessage("image-service answered 503");
    }

    private static <T extends Exception> T readFailure(String json) {
        try {
            new ObjectMapper().readValue(json, Body.class);
        } catch (Exception e) {
            @SuppressWarnings("unchecked")
            T failure = (T) e;
            return failure;
        }
        throw new AssertionError("expected " + json + " to fail");
    }
}
