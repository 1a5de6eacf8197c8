package io.berth.container.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerTimesTest {
    @Test
    void writesDurationsAsDockerPsDoes() {
        assertThat(DockerTimes.human(Duration.ofMillis(300))).isEqualTo("Less than a second");
        assertThat(DockerTimes.human(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(DockerTimes.human(Duration.ofSeconds(42))).isEqualTo("42 seconds");
        assertThat(DockerTimes.human(Duration.ofSeconds(75))).isEqualTo("About a minute");
        assertThat(DockerTimes.human(Duration.ofMinutes(5))).isEqualTo("5 minutes");
        assertThat(DockerTimes.human(Duration.ofMinutes(61))).isEqualTo("About an hour");
        assertThat(DockerTimes.human(Duration.ofHours(5))).isEqualTo("5 hours");
        assertThat(DockerTimes.human(Duration.ofDays(3))).isEqualTo("3 days");
    }

    @Test
    void writesTheGoZeroTimeForNever() {
        assertThat(DockerTimes.rfc3339(null)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(DockerTimes.rfc3339(Instant.parse("2026-11-22T10:15:30.123456789Z"))).isEqualTo("2026-11-22T10:15:30.123456789Z");
    }
}
