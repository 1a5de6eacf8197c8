package io.berth.kit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerTimesTest {
    @Test
    void writesGoRfc3339NanoWithoutTrailingZeros() {
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.416543526Z"))).isEqualTo("2016-10-19T06:21:00.416543526Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.416500Z"))).isEqualTo("2016-10-19T06:21:00.4165Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.5Z"))).isEqualTo("2016-10-19T06:21:00.5Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2016-10-19T06:21:00Z"))).isEqualTo("2016-10-19T06:21:00Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2016-10-19T06:21:00.000000001Z"))).isEqualTo("2016-10-19T06:21:00.000000001Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2024-05-06T07:08:09.120Z"))).isEqualTo("2024-05-06T07:08:09.12Z");
    }

    @Test
    void writesLogTimestampsWithNineFractionDigitsAlways() {
        assertThat(DockerTimes.rfc3339NanoFixed(Instant.parse("2026-11-22T23:02:42Z"))).isEqualTo("2026-11-22T23:02:42.000000000Z");
        assertThat(DockerTimes.rfc3339NanoFixed(Instant.parse("2026-11-22T23:02:42.5Z"))).isEqualTo("2026-11-22T23:02:42.500000000Z");
        assertThat(DockerTimes.rfc3339NanoFixed(Instant.parse("2026-11-22T23:02:40.026343342Z"))).isEqualTo("2026-11-22T23:02:40.026343342Z");
    }

    @Test
    void writesTheGoZeroTimeForNever() {
        assertThat(DockerTimes.rfc3339Nano(null)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(DockerTimes.rfc3339Nano(Instant.parse("2026-11-22T10:15:30.123456789Z"))).isEqualTo("2026-11-22T10:15:30.123456789Z");
    }

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
    void readsFilterTimesAsMobysGetTimestamp() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");

        assertThat(DockerTimes.timestamp("24h", now)).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(DockerTimes.timestamp("1h30m", now)).isEqualTo(Instant.parse("2026-11-22T10:30:00Z"));
        assertThat(DockerTimes.timestamp("1.5h", now)).isEqualTo(Instant.parse("2026-11-22T10:30:00Z"));
        assertThat(DockerTimes.timestamp("1700000000", now)).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(DockerTimes.timestamp("1700000000.5", now)).isEqualTo(Instant.ofEpochSecond(1700000000, 500_000_000));
        assertThat(DockerTimes.timestamp("2026-11-20T08:00:00Z", now)).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(DockerTimes.timestamp("2026-11-20T08:00:00+02:00", now)).isEqualTo(Instant.parse("2026-11-20T06:00:00Z"));
        assertThat(DockerTimes.timestamp("0", now)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void refusesWhatIsNeitherTimeNorDuration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DockerTimes.timestamp("yesterday", Instant.EPOCH))
                .isInstanceOf(io.berth.kit.errors.InvalidParameterException.class)
                .hasMessage("failed to parse value as time or duration: \"yesterday\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DockerTimes.timestamp("2026-13-45", Instant.EPOCH))
                .isInstanceOf(io.berth.kit.errors.InvalidParameterException.class);
    }
}
