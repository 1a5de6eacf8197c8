package io.berth.kit.api;

import io.berth.kit.errors.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's ways of writing time: Go's RFC 3339 with nanoseconds (and Docker's fixed-width variant for log
 * timestamps), Go's zero time, and "Up 2 seconds"; and of reading the times a client gives in a filter.
 */
public final class DockerTimes {
    /** Go's zero {@code time.Time}, which clients read as "never" (Testcontainers checks for it). */
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** One unit of a Go duration: {@code 1.5h}, {@code 10m}, {@code 300ms}. */
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("[-+]?(" + DURATION_PART.pattern() + ")+");

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

    /**
     * A time a client gives in a filter such as {@code until}, read as moby's {@code GetTimestamp} reads it: a Go
     * duration counted back from {@code now} ({@code 24h}, {@code 90m}), an RFC 3339 time or date (local to this
     * machine when it names no zone), or Unix seconds with an optional fraction. 400 otherwise, in moby's words.
     *
     * @see <a href="https://github.com/moby/moby/blob/v27.5.1/api/types/time/timestamp.go">moby GetTimestamp</a>
     */
    public static Instant timestamp(String value, Instant now) {
        String text = value == null ? "" : value.trim();
        if (!text.equals("0") && DURATION.matcher(text).matches()) {
            return now.minus(goDuration(text));
        }
        try {
            if (text.contains("-")) {
                return rfc3339(text);
            }
            BigDecimal seconds = new BigDecimal(text);
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new InvalidParameterException("failed to parse value as time or duration: \"" + value + "\"");
        }
    }

    private static Duration goDuration(String text) {
        boolean negative = text.startsWith("-");
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    private static Instant rfc3339(String text) {
        boolean zoned = text.endsWith("Z") || text.endsWith("z") || text.indexOf('+') > 0 || text.chars().filter(c -> c == '-').count() == 3;
        String normalized = text.toUpperCase(java.util.Locale.ROOT);
        if (!normalized.contains("T")) {
            return zoned ? OffsetDateTime.parse(normalized.substring(0, 10) + "T00:00:00" + normalized.substring(10)).toInstant()
                    : LocalDate.parse(normalized).atStartOfDay(ZoneId.systemDefault()).toInstant();
        }
        return zoned ? OffsetDateTime.parse(normalized).toInstant()
                : LocalDateTime.parse(normalized).atZone(ZoneId.systemDefault()).toInstant();
    }
}
