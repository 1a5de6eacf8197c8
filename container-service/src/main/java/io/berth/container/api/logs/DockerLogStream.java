package io.berth.container.api.logs;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Turns the worker's log records into Docker's frames for one {@code logs} or {@code attach} call: rejoins partial
 * lines, keeps the last {@code tail} messages of what the log held when the call came (the first {@code pastBytes}
 * bytes of the worker's body, counted over both streams as dockerd does), then passes on what follows; filters by
 * stream and time window and stamps timestamps as the query asks. Fed with the worker's body as it arrives, in
 * chunks cut anywhere; one stream's calls come from one thread at a time.
 */
public final class DockerLogStream {
    private final LogQuery query;
    private final long pastBytes;
    private final boolean following;
    private final Sink sink;
    private final boolean tty;
    private final boolean asItComes;
    private final LineJoiner joiner = new LineJoiner();
    private final Deque<LogMessage> past = new ArrayDeque<>();
    private boolean pastSent;
    private long consumed;
    private byte[] carry = new byte[0];

    /** Where frames go. */
    public interface Sink {
        void write(byte[] frame);
    }

    /**
     * @param pastBytes how much of the worker's body the log held when the call came (its {@code X-Berth-Log-Past})
     * @param following whether the worker goes on after that, following a run: the past is sent once complete,
     *     without waiting for the end
     */
    public DockerLogStream(LogQuery query, long pastBytes, boolean following, Sink sink) {
        this(query, pastBytes, following, false, false, sink);
    }

    /**
     * @param tty the container has a terminal: its output is one raw stream, without frames (Docker's raw-stream)
     * @param asItComes each record goes out as it comes, a partial line too (a terminal's prompt), instead of whole
     *     lines: what an attached terminal shows
     */
    public DockerLogStream(LogQuery query, long pastBytes, boolean following, boolean tty, boolean asItComes, Sink sink) {
        this.tty = tty;
        this.asItComes = asItComes;
        this.query = query;
        this.pastBytes = pastBytes;
        this.following = following;
        this.sink = sink;
        // Without a tail nothing needs holding back.
        this.pastSent = query.tail() == LogQuery.ALL || following && pastBytes == 0;
    }

    /** A chunk of the worker's body. */
    public void accept(byte[] bytes) {
        byte[] data = carry.length == 0 ? bytes : concat(carry, bytes);
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                line(data, start, i);
                start = i + 1;
            }
        }
        carry = Arrays.copyOfRange(data, start, data.length);
    }

    /** The worker's body ended: nothing more will come, so the unterminated rest of a stream is a message too. */
    public void end() {
        for (LogMessage rest : joiner.flush()) {
            if (pastSent) {
                send(rest);
            } else {
                keep(rest);
            }
        }
        sendPast();
    }

    private void line(byte[] data, int from, int to) {
        consumed += to - from + 1;
        LogRecord record = LogRecord.parse(data, from, to);
        LogMessage message;
        if (record != null && asItComes) {
            byte[] payload = record.partial() ? record.content() : Arrays.copyOf(record.content(), record.content().length + 1);
            if (!record.partial()) {
                payload[payload.length - 1] = '\n';
            }
            message = new LogMessage(record.time(), record.stream(), payload);
        } else {
            message = record == null ? null : joiner.add(record);
        }
        if (message != null) {
            if (pastSent) {
                send(message);
            } else {
                keep(message);
            }
        }
        if (following && consumed >= pastBytes) {
            sendPast();
        }
    }

    private void keep(LogMessage message) {
        past.addLast(message);
        while (past.size() > query.tail()) {
            past.removeFirst();
        }
    }

    private void sendPast() {
        if (pastSent) {
            return;
        }
        pastSent = true;
        past.forEach(this::send);
        past.clear();
    }

    private void send(LogMessage message) {
        if (query.wants(message.stream()) && query.inWindow(message.time())) {
            sink.write(tty ? Frames.raw(message, query.timestamps()) : Frames.frame(message, query.timestamps()));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
