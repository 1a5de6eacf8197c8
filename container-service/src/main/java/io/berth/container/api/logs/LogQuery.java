package io.berth.container.api.logs;

import io.berth.kit.api.QueryFlags;
import io.berth.kit.errors.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/**
 * What a Docker client asked to see of a container's output: which streams, {@code tail} (a count or {@code all}),
 * {@code timestamps}, {@code follow}, and {@code since}/{@code until} as unix seconds with an optional fraction
 * (0 means unset).
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerLogs">Docker logs</a>
 */
public record LogQuery(boolean stdout, boolean stderr, boolean follow, int tail, boolean timestamps, Instant since,
        Instant until) {
    public static final int ALL = -1;

    /** Reads the logs endpoint's query from a parameter lookup (null for absent). */
    public static LogQuery parse(Function<String, String> param) {
        return new LogQuery(QueryFlags.isTrue(param.apply("stdout")), QueryFlags.isTrue(param.apply("stderr")),
                QueryFlags.isTrue(param.apply("follow")), tail(param.apply("tail")),
                QueryFlags.isTrue(param.apply("timestamps")), time("since", param.apply("since")),
                time("until", param.apply("until")));
    }

    /** What attach shows: the chosen streams as they come, without timestamps. */
    public static LogQuery attach(boolean stdout, boolean stderr) {
        return new LogQuery(stdout, stderr, true, ALL, false, null, null);
    }

    boolean wants(int stream) {
        return stream == LogRecord.STDOUT ? stdout : stderr;
    }

    boolean inWindow(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
    }

    static int tail(String value) {
        if (value == null || value.isBlank() || value.equals("all")) {
            return ALL;
        }
        try {
            int count = Integer.parseInt(value.trim());
            // dockerd reads a negative tail as "all" (daemon/logs.go).
            return count < 0 ? ALL : count;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("invalid tail value: " + value);
        }
    }

    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() == 0) {
                return null;
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidParameterException("invalid value for " + name + ": " + value);
        }
    }
}
