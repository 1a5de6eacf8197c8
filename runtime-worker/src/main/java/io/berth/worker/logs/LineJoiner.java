package io.berth.worker.logs;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-joins partial entries into lines, per stream: a run of {@code P} entries and the {@code F} entry that ends it
 * make one message with a trailing newline, stamped with the time of its first part.
 */
final class LineJoiner {
    private final ByteArrayOutputStream[] pending = {null, new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private final Instant[] started = new Instant[3];

    /** The message this entry completes, or null while the line is still partial. */
    LogMessage add(LogEntry entry) {
        ByteArrayOutputStream buffer = pending[entry.stream()];
        if (started[entry.stream()] == null) {
            started[entry.stream()] = entry.time();
        }
        buffer.writeBytes(entry.content());
        if (entry.partial()) {
            return null;
        }
        buffer.write('\n');
        return take(entry.stream());
    }

    /** What is still partial, as it stands: output the process never ended with a newline. */
    List<LogMessage> flush() {
        List<LogMessage> rest = new ArrayList<>();
        for (int stream = LogEntry.STDOUT; stream <= LogEntry.STDERR; stream++) {
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
