package io.berth.image.build.steps;

import java.nio.charset.StandardCharsets;

/**
 * The JSON messages of a classic build's response stream, one per line, byte for byte as Docker Engine writes them
 * (Go's JSON encoding: {@code <}, {@code >} and {@code &} as {@code \u003c}, {@code \u003e}, {@code \u0026}): the
 * step lines ({@code Step N/M : …} then a lone newline), {@code  ---> <id>}, {@code  ---> Running in <id>},
 * {@code  ---> Using cache}, the step's own output (its standard error in red, as the daemon's stderr formatter
 * colours it), {@code Removing intermediate container <id>}, the {@code aux} image id, {@code Successfully built} and
 * {@code Successfully tagged}, and an error as {@code errorDetail} (with the exit code for a failed RUN, which the
 * CLI exits with).
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/pkg/streamformatter/streamformatter.go">streamformatter</a>
 */
public final class BuildMessages {
    private static final String RED = "\u001b[91m";
    private static final String RESET = "\u001b[0m";

    private BuildMessages() {}

    /** {@code {"stream":"…"}}. */
    public static byte[] stream(String text) {
        return line("{\"stream\":" + json(text) + "}");
    }

    /** The two messages of a step's header: {@code Step 2/5 : RUN x} and a newline. */
    public static byte[] step(int n, int total, String source) {
        return concat(stream("Step " + n + "/" + total + " : " + source), stream("\n"));
    }

    /**
     * What a stage prints before running its base image's ONBUILD triggers (which then run as steps without a
     * {@code Step} line): three messages, as the daemon's three writes make them.
     */
    public static byte[] executingTriggers(int count) {
        byte[] head = stream("# Executing " + count + " build trigger");
        return count > 1 ? concat(concat(head, stream("s")), stream("\n")) : concat(head, stream("\n"));
    }

    /** {@code  ---> <12 hex>} after a step; {@code  ---> } with nothing for {@code FROM scratch}. */
    public static byte[] result(String imageId) {
        return stream(" ---> " + shortId(imageId) + "\n");
    }

    public static byte[] runningIn(String containerId) {
        return stream(" ---> Running in " + shortId(containerId) + "\n");
    }

    public static byte[] usingCache() {
        return stream(" ---> Using cache\n");
    }

    public static byte[] removing(String containerId) {
        return stream("Removing intermediate container " + shortId(containerId) + "\n");
    }

    /** Text a step wrote on its standard error, or a warning of the builder's: red, as Docker shows it. */
    public static byte[] stderr(String text) {
        return stream(RED + text + RESET);
    }

    public static byte[] aux(String imageId) {
        return line("{\"aux\":{\"ID\":" + json(imageId) + "}}");
    }

    public static byte[] built(String imageId) {
        return stream("Successfully built " + shortId(imageId) + "\n");
    }

    public static byte[] tagged(String reference) {
        return stream("Successfully tagged " + reference + "\n");
    }

    /** An error ending the build; {@code code} is a failed RUN's exit code, 0 for none. */
    public static byte[] error(String message, int code) {
        String detail = code == 0 ? "{\"message\":" + json(message) + "}"
                : "{\"code\":" + code + ",\"message\":" + json(message) + "}";
        return line("{\"errorDetail\":" + detail + ",\"error\":" + json(message) + "}");
    }

    /** Docker's short id: the first 12 hex digits, without {@code sha256:}. */
    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static byte[] line(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A JSON string as Go's encoding/json writes it (HTML-safe escapes, U+2028/U+2029 escaped). */
    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
