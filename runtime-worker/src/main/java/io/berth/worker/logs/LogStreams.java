package io.berth.worker.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns a container's k8s-file log into Docker frames, for {@code logs} (the past, then optionally what follows)
 * and {@code attach} (from a fixed offset until a run ends). Blocking: callers run it on a thread of their own.
 */
public final class LogStreams {
    static final Duration POLL = Duration.ofMillis(100);

    /** Where frames go; false when the client is gone and the stream should stop. */
    public interface Sink {
        boolean write(byte[] frame);
    }

    private LogStreams() {
    }

    /** Where an attach stream starts: everything written after this moment. */
    public static long endOffset(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Docker's {@code logs}: the last {@code tail} messages of the log (counted over both streams, as dockerd does),
     * filtered by stream and time window; with {@code follow}, then what comes until the container is not running.
     */
    public static void logs(Path log, LogQuery query, BooleanSupplier running, Sink sink)
            throws IOException, InterruptedException {
        LogReader reader = new LogReader(log, 0);
        LineJoiner joiner = new LineJoiner();
        boolean wasRunning = running.getAsBoolean();
        Deque<LogMessage> past = new ArrayDeque<>();
        for (LogEntry entry : reader.readNew()) {
            LogMessage message = joiner.add(entry);
            if (message != null) {
                past.addLast(message);
                if (query.tail() != LogQuery.ALL && past.size() > query.tail()) {
                    past.removeFirst();
                }
            }
        }
        boolean complete = !query.follow() || !wasRunning;
        if (complete) {
            // Nothing more will come: the unterminated rest of a stream counts as a message of its own.
            joiner.flush().forEach(past::addLast);
            while (query.tail() != LogQuery.ALL && past.size() > query.tail()) {
                past.removeFirst();
            }
        }
        for (LogMessage message : past) {
            if (!send(message, query, sink)) {
                return;
            }
        }
        if (complete) {
            return;
        }
        follow(reader, joiner, query, running, sink);
    }

    private static void follow(LogReader reader, LineJoiner joiner, LogQuery query, BooleanSupplier running,
            Sink sink) throws IOException, InterruptedException {
        while (true) {
            boolean stillRunning = running.getAsBoolean();
            List<LogEntry> entries = reader.readNew();
            for (LogEntry entry : entries) {
                LogMessage message = joiner.add(entry);
                if (message != null && !send(message, query, sink)) {
                    return;
                }
            }
            if (query.until() != null && Instant.now().isAfter(query.until())) {
                return;
            }
            if (entries.isEmpty() && (!stillRunning || !reader.intact())) {
                for (LogMessage rest : joiner.flush()) {
                    send(rest, query, sink);
                }
                return;
            }
            if (entries.isEmpty()) {
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * Docker's {@code attach} without stdin: every message written after {@code offset}, until {@code finished}
     * says the run it waits for is over and everything it wrote has been read.
     */
    public static void attach(Path log, long offset, boolean stdout, boolean stderr, BooleanSupplier finished,
            Sink sink) throws IOException, InterruptedException {
        LogQuery query = new LogQuery(stdout, stderr, true, LogQuery.ALL, false, null, null);
        LogReader reader = new LogReader(log, offset);
        LineJoiner joiner = new LineJoiner();
        while (true) {
            boolean done = finished.getAsBoolean();
            List<LogEntry> entries = reader.readNew();
            for (LogEntry entry : entries) {
                LogMessage message = joiner.add(entry);
                if (message != null && !send(message, query, sink)) {
                    return;
                }
            }
            if (entries.isEmpty() && (done || !reader.intact())) {
                for (LogMessage rest : joiner.flush()) {
                    send(rest, query, sink);
                }
                return;
            }
            if (entries.isEmpty()) {
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static boolean send(LogMessage message, LogQuery query, Sink sink) {
        if (!query.wants(message.stream()) || !query.inWindow(message.time())) {
            return true;
        }
        return sink.write(Frames.frame(message, query.timestamps()));
    }
}
