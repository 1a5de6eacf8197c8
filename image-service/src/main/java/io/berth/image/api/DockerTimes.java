package io.berth.image.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Docker's ways of writing time: Go's RFC 3339 with nanoseconds (trailing zeros cut) and its zero time. */
final class DockerTimes {
    /** Go's zero {@code time.Time}: what Docker writes for "never", e.g. an image never tagged. */
    static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private DockerTimes() {
    }

    /** Go's {@code time.RFC3339Nano}: {@code 2024-01-02T03:04:05.12Z}, no fraction when it is zero. */
    static String rfc3339Nano(Instant instant) {
        if (instant == null) {
            return ZERO;
        }
        String text = SECONDS.format(instant);
        int nanos = instant.getNano();
        if (nanos == 0) {
            return text + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
        return text + "." + fraction + "Z";
    }
}
