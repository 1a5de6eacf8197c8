package io.berth.image.build.dockerfile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Go's {@code %q} and {@code %v} for the values Docker's messages and image history print, so that our words match
 * the daemon's byte for byte ({@code CMD ["sh" "-c" "x"]}, {@code VOLUME [/a /b]}, a healthcheck's retries as
 * {@code '\x03'}).
 */
public final class GoQuote {
    private GoQuote() {}

    /** {@code %q} of a string. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> escape(out, c, '"'));
        return out.append('"').toString();
    }

    /** {@code %q} of a string slice: {@code ["a" "b c"]}; {@code []} for none. */
    public static String quoteList(List<String> values) {
        if (values == null) {
            return "[]";
        }
        return values.stream().map(GoQuote::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code %v} of a string slice: {@code [a b c]}. */
    public static String list(List<String> values) {
        return values == null ? "[]" : String.join(" ", values).transform(s -> "[" + s + "]");
    }

    /** {@code %q} of an integer, which Go prints as a quoted character: {@code '\x03'}, {@code 'A'}. */
    public static String quoteRune(int c) {
        StringBuilder out = new StringBuilder("'");
        escape(out, c, '\'');
        return out.append('\'').toString();
    }

    private static void escape(StringBuilder out, int c, char quote) {
        switch (c) {
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c == quote) {
                    out.append('\\').appendCodePoint(c);
                } else if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }
}
