package io.berth.network.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerTimeTest {
    @Test
    void writesGoRfc3339NanoWithoutTrailingZeros() {
        assertThat(DockerTime.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.416543526Z"))).isEqualTo("2016-10-19T06:21:00.416543526Z");
        assertThat(DockerTime.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.416500Z"))).isEqualTo("2016-10-19T06:21:00.4165Z");
        assertThat(DockerTime.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.5Z"))).isEqualTo("2016-10-19T06:21:00.5Z");
        assertThat(DockerTime.rfc3339Nano(Instant.parse("2016-10-19T06:21:00Z"))).isEqualTo("2016-10-19T06:21:00Z");
        assertThat(DockerTime.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.000000001Z"))).isEqualTo("2016-10-19T06:21:00.000000001Z");
    }
}
