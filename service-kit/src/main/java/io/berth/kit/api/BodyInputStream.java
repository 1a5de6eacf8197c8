package io.berth.kit.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request body as a blocking stream, for work that reads an archive as it arrives on a worker thread (load,
 * import): chunks queue up as the event loop receives them, the request is paused while too many wait, and a client
 * that goes away before the end makes {@code read} fail rather than look like the end of a short archive.
 */
public final class BodyInputStream extends InputStream {
    private static final Object END = new Object();
    /** Chunks held before the request is paused (Vert.x delivers up to 8 KiB to 64 KiB at a time). */
    private static final int HIGH = 256;
    private static final int LOW = 64;

    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final HttpServerRequest request;
    private final Context context;
    private Buffer current;
    private int position;
    private boolean ended;

    public BodyInputStream(HttpServerRequest request, Context context) {
        this.request = request;
        this.context = context;
        request.handler(chunk -> {
            chunks.add(chunk);
            if (queued.incrementAndGet() >= HIGH) {
                request.pause();
            }
        });
        request.endHandler(end -> chunks.add(END));
        request.exceptionHandler(failure -> chunks.add(new IOException("the upload broke off: " + failure.getMessage(), failure)));
        request.connection().closeHandler(closed -> chunks.add(new IOException("the client went away before the end of the upload")));
        request.resume();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position >= current.length()) {
            if (ended) {
                return -1;
            }
            Object next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the upload", e);
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof IOException failure) {
                ended = true;
                throw failure;
            }
            current = (Buffer) next;
            position = 0;
            if (queued.decrementAndGet() == LOW) {
                context.runOnContext(resume -> request.resume());
            }
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, buffer, offset);
        position += n;
        return n;
    }
}
