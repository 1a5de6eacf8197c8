package io.berth.container.api.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One record of the worker's log stream, a line of conmon's k8s-file log:
 * {@code <RFC3339Nano time> <stdout|stderr> <F|P> <content>}, where {@code P} marks a partial line that the next
 * records of the same stream continue (docs/internal-api.md, "Log records").
 *
 * @see <a href="https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md">CRI logging format</a>
 */
record LogRecord(Instant time, int stream, boolean partial, byte[] content) {
    static final int STDOUT = 1;
    static final int STDERR = 2;

    /** Parses one line without its newline; null for a line that is not k8s-file (it is skipped, never fatal). */
    static LogRecord parse(byte[] buffer, int from, int to) {
        int first = indexOf(buffer, from, to, (byte) ' ');
        int second = first < 0 ? -1 : indexOf(buffer, first + 1, to, (byte) ' ');
        if (second < 0) {
            return null;
        }
        int third = indexOf(buffer, second + 1, to, (byte) ' ');
        int tagEnd = third < 0 ? to : third;
        Instant time;
        try {
            time = OffsetDateTime.parse(new String(buffer, from, first - from, StandardCharsets.US_ASCII)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
        String streamName = new String(buffer, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        int stream = switch (streamName) {
            case "stdout" -> STDOUT;
            case "stderr" -> STDERR;
            default -> 0;
        };
        if (stream == 0) {
            return null;
        }
        // The tag is a colon-separated list of flags; "P" is the only one defined (partial).
        boolean partial = new String(buffer, second + 1, tagEnd - second - 1, StandardCharsets.US_ASCII).contains("P");
        int contentStart = third < 0 ? to : third + 1;
        byte[] content = new byte[to - contentStart];
        System.arraycopy(buffer, contentStart, content, 0, content.length);
        return new LogRecord(time, stream, partial, content);
    }

    private static int indexOf(byte[] buffer, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
