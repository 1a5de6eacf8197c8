package io.berth.kit.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Docker's ways of writing time: Go's RFC 3339 with nanoseconds (and Docker's fixed-width variant for log
 * timestamps), Go's zero time, and "Up 2 seconds".
 */
public final class DockerTimes {
    /** Go's zero {@code time.Time}, which clients read as "never" (Testcontainers checks for it). */
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private DockerTimes() {
    }

    /**
     * Go's {@code time.RFC3339Nano} in UTC: the fraction of a second written to nanoseconds with trailing zeros
     * dropped ({@code .5}, not {@code .500}), none on a whole second; {@link #ZERO} for no time at all.
     */
    public static String rfc3339Nano(Instant instant) {
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

    /**
     * Docker's {@code jsonmessage.RFC3339NanoFixed} in UTC: always nine fraction digits, so the timestamps of
     * {@code docker logs -t} line up (moby's {@code httputils/write_log_stream.go} stamps each line with it).
     */
    public static String rfc3339NanoFixed(Instant instant) {
        return SECONDS.format(instant) + "." + String.format("%09d", instant.getNano()) + "Z";
    }

    /**
     * go-units HumanDuration, as {@code docker ps} prints it.
     *
     * @see <a href="https://github.com/docker/go-units/blob/v0.5.0/duration.go">go-units duration.go</a>
     */
    public static String human(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = duration.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(duration.toMinutes() / 60.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }
}
