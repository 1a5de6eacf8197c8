package io.berth.container.api.logs;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-joins partial records into lines, per stream: a run of {@code P} records and the {@code F} record that ends it
 * make one message with a trailing newline, stamped with the time of its first part.
 */
final class LineJoiner {
    private final ByteArrayOutputStream[] pending = {null, new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private final Instant[] started = new Instant[3];

    /** The message this record completes, or null while the line is still partial. */
    LogMessage add(LogRecord record) {
        ByteArrayOutputStream buffer = pending[record.stream()];
        if (started[record.stream()] == null) {
            started[record.stream()] = record.time();
        }
        buffer.writeBytes(record.content());
        if (record.partial()) {
            return null;
        }
        buffer.write('\n');
        return take(record.stream());
    }

    /** What is still partial, as it stands: output the process never ended with a newline. */
    List<LogMessage> flush() {
        List<LogMessage> rest = new ArrayList<>();
        for (int stream = LogRecord.STDOUT; stream <= LogRecord.STDERR; stream++) {
            if (pending[stream].size() > 0) {
                rest.add(take(stream));
            }
        }
        return rest;
    }

    private LogMessage take(int stream) {
        LogMessage message = new LogMessage(started[stream], stream, pending[stream].toByteArray());
        pending[stream].reset();
        started[stream] = null;
        return message;
    }
}
