package io.berth.worker.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body as an {@link OutputStream} for a blocking writer on its own thread: each write waits while the
 * caller reads slower than the writer writes, and fails once the caller went away.
 */
final class ResponseOutput extends OutputStream {
    private final HttpServerResponse response;

    ResponseOutput(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (response.closed()) {
            throw new IOException("the caller went away");
        }
        write(response, Buffer.buffer().appendBytes(b, off, len));
    }

    /** Writes, waiting while the caller reads slower than the writer writes; nothing once the response is over. */
    static void write(HttpServerResponse response, Buffer buffer) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.write(buffer);
        try {
            while (response.writeQueueFull() && !response.closed()) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
