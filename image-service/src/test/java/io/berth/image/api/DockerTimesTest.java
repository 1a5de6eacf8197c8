package io.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerTimesTest {
    @Test
    void writesGoRfc3339Nano() {
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2024-05-06T07:08:09Z"))).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2024-05-06T07:08:09.120Z"))).isEqualTo("2024-05-06T07:08:09.12Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2024-05-06T07:08:09.000000001Z"))).isEqualTo("2024-05-06T07:08:09.000000001Z");
        assertThat(DockerTimes.rfc3339Nano(null)).isEqualTo("0001-01-01T00:00:00Z");
    }
}
