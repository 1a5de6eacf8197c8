package io.berth.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the application logs at WARN and above, or with a stack trace, while a test runs. */
final class LogCapture extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        // A probe, so that a capture that sees nothing cannot pass for a quiet log.
        Logger.getLogger(LogCapture.class.getName()).warning("probe");
        if (capture.records.stream().noneMatch(r -> "probe".equals(r.getMessage()))) {
            throw new IllegalStateException("the log capture sees nothing of the log");
        }
        capture.records.clear();
        return capture;
    }

    /** Each noteworthy record as {@code LEVEL logger: message (exception)}. */
    List<String> noteworthy() {
        return records.stream()
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
