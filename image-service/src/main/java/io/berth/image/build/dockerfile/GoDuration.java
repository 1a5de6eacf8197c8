package io.berth.image.build.dockerfile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which HEALTHCHECK's {@code --interval}, {@code --timeout} and
 * {@code --start-period} use: a sequence of decimal numbers with units ({@code 1m30s}, {@code 1.5h}, {@code 300ms}).
 *
 * @see <a href="https://pkg.go.dev/time#ParseDuration">time.ParseDuration</a>
 */
public final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {}

    static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new SyntaxException("time: missing unit in duration " + GoQuote.quote(text));
            }
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new SyntaxException("time: unknown unit " + GoQuote.quote(unit) + " in duration "
                        + GoQuote.quote(text));
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(nanos)));
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static SyntaxException invalid(String text) {
        return new SyntaxException("time: invalid duration " + GoQuote.quote(text));
    }

    /** Go's {@code Duration.String()}: {@code 1m30s}, {@code 300ms}, {@code 0s}. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        n = Math.abs(n);
        if (n < 1_000_000_000L) {
            if (n < 1_000L) {
                return sign + n + "ns";
            }
            if (n < 1_000_000L) {
                return sign + trim(BigDecimal.valueOf(n, 3)) + "\u00b5s";
            }
            return sign + trim(BigDecimal.valueOf(n, 6)) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        BigDecimal seconds = BigDecimal.valueOf(n % 60_000_000_000L, 9);
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(trim(seconds)).append('s').toString();
    }

    private static String trim(BigDecimal value) {
        String s = value.stripTrailingZeros().toPlainString();
        return s;
    }
}
