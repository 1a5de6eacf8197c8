package io.berth.network.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Go's {@code time.RFC3339Nano}, the format of a network's {@code Created}. */
final class DockerTime {
    private DockerTime() {
    }

    /**
     * UTC, with the fraction of a second written to nanoseconds and trailing zeros dropped, as Go does
     * ({@code .5} not {@code .500}; no fraction at all on a whole second).
     */
    static String rfc3339Nano(Instant instant) {
        String seconds = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        int nanos = instant.getNano();
        if (nanos == 0) {
            return seconds;
        }
        String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
        return seconds.substring(0, seconds.length() - 1) + "." + fraction + "Z";
    }
}
