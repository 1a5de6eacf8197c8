package io.berth.worker.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Streams a container's log records as conmon wrote them: the k8s-file lines themselves, whole lines only, never
 * changed (docs/internal-api.md, "Log records"). Blocking: callers run it on a thread of their own.
 */
public final class LogStreams {
    /** The longest wait between two looks at an idle log. */
    static final Duration POLL = Duration.ofMillis(100);
    /**
     * The first wait after a look found nothing new; it doubles while the log stays idle. A short run ({@code docker
     * run --rm busybox true}) is over within milliseconds of its start, and its attach stream should end as soon.
     */
    static final Duration FIRST_POLL = Duration.ofMillis(2);

    /** Where records go; false when the caller is gone and the stream should stop. */
    public interface Sink {
        boolean write(byte[] lines);
    }

    /** How a stream waits for news while the log is idle: a sleep, or one a run's end cuts short. */
    public interface Idle {
        void await(long millis) throws InterruptedException;
    }

    private LogStreams() {
    }

    /** The offset just past the log's last whole line now: where a stream "from the end" starts. */
    public static long endOfLines(Path log) {
        return LogReader.endOfLines(log);
    }

    /** Sends the lines between two offsets (line boundaries), then returns. */
    public static void copy(Path log, long from, long to, Sink sink) throws IOException {
        LogReader reader = new LogReader(log, from, to);
        for (byte[] lines = reader.next(); lines.length > 0; lines = reader.next()) {
            if (!sink.write(lines)) {
                return;
            }
        }
    }

    /**
     * Sends every line from {@code from} on, until {@code over} says the run the caller waits for is over and
     * everything written by then was sent, or the log is gone (the container was deleted). While the log is idle it
     * waits through {@code idle}, longer each time up to {@link #POLL}.
     */
    public static void follow(Path log, long from, BooleanSupplier over, Idle idle, Sink sink)
            throws IOException, InterruptedException {
        LogReader reader = new LogReader(log, from, Long.MAX_VALUE);
        long wait = FIRST_POLL.toMillis();
        while (true) {
            // Asked before reading: what was written before the run was seen over is read below.
            boolean done = over.getAsBoolean();
            byte[] lines = reader.next();
            if (lines.length > 0) {
                if (!sink.write(lines)) {
                    return;
                }
                wait = FIRST_POLL.toMillis();
                continue;
            }
            if (done || !reader.intact()) {
                return;
            }
            idle.await(wait);
            wait = Math.min(wait * 2, POLL.toMillis());
        }
    }
}
