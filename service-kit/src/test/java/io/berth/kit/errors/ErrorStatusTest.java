package io.berth.kit.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorStatusTest {
    @Test
    void everyCategoryHasDockersStatus() {
        assertThat(ErrorStatus.of(new NotModifiedException("m"))).isEqualTo(304);
        assertThat(ErrorStatus.of(new InvalidParameterException("m"))).isEqualTo(400);
        assertThat(ErrorStatus.of(new ForbiddenException("m"))).isEqualTo(403);
        assertThat(ErrorStatus.of(new NotFoundException("m"))).isEqualTo(404);
        assertThat(ErrorStatus.of(new ConflictException("m"))).isEqualTo(409);
        assertThat(ErrorStatus.of(new InternalException("m"))).isEqualTo(500);
        assertThat(ErrorStatus.of(new UnavailableException("m"))).isEqualTo(503);
    }

    @Test
    void aPeersStatusReadsBackAsTheCategoryThatAnswersIt() {
        for (int status : List.of(304, 400, 403, 404, 409, 500, 503)) {
            BerthException read = ErrorStatus.fromStatus(status, "words");
            assertThat(ErrorStatus.of(read)).as("status %d", status).isEqualTo(status);
            assertThat(read).hasMessage("words");
        }
    }

    @Test
    void aStatusOutsideTheTableIsAnInternalFailure() {
        assertThat(ErrorStatus.fromStatus(502, "bad gateway")).isInstanceOf(InternalException.class);
        assertThat(ErrorStatus.fromStatus(418, "teapot")).isInstanceOf(InternalException.class);
    }
}
