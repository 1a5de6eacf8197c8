package io.berth.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Takes the body of a response read off a raw socket apart from its framing (RFC 9112 §6): a {@code Content-Length}
 * body, a chunked one, or one that lasts until the connection closes. Fed the bytes as they come; says when the body
 * is complete.
 */
final class BodyReader {
    private final long length;
    private final boolean chunked;
    private long seen;
    private boolean done;
    /** Chunked state: bytes left in the current chunk, or -1 while a size line is awaited. */
    private long chunkLeft = -1;
    private boolean inTrailer;
    private Buffer pending = Buffer.buffer();

    private BodyReader(long length, boolean chunked) {
        this.length = length;
        this.chunked = chunked;
        this.done = length == 0;
    }

    static BodyReader of(MultiMap headers) {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase().contains("chunked")) {
            return new BodyReader(-1, true);
        }
        String length = headers.get("content-length");
        return new BodyReader(length == null ? -1 : Long.parseLong(length.trim()), false);
    }

    /** The body's length, or -1 when it is chunked or lasts until close. */
    long length() {
        return chunked ? -1 : length;
    }

    boolean done() {
        return done;
    }

    /** The body bytes in {@code input}, without framing. */
    Buffer feed(Buffer input) {
        if (done) {
            return Buffer.buffer();
        }
        if (!chunked) {
            if (length < 0) {
                return input;
            }
            int take = (int) Math.min(input.length(), length - seen);
            seen += take;
            done = seen >= length;
            return input.getBuffer(0, take);
        }
        pending.appendBuffer(input);
        Buffer out = Buffer.buffer();
        int position = 0;
        while (!done) {
            if (chunkLeft > 0) {
                int take = (int) Math.min(chunkLeft, pending.length() - position);
                if (take == 0) {
                    break;
                }
                out.appendBuffer(pending.getBuffer(position, position + take));
                position += take;
                chunkLeft -= take;
                continue;
            }
            int lineEnd = lineEnd(pending, position);
            if (lineEnd < 0) {
                break;
            }
            String line = pending.getString(position, lineEnd, StandardCharsets.ISO_8859_1.name());
            position = lineEnd + 2;
            if (inTrailer) {
                done = line.isEmpty();
            } else if (chunkLeft == 0) {
                chunkLeft = -1; // the CRLF after a chunk's data
            } else {
                int extension = line.indexOf(';');
                long size = Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
                if (size == 0) {
                    inTrailer = true;
                } else {
                    chunkLeft = size;
                }
            }
        }
        pending = pending.getBuffer(position, pending.length());
        return out;
    }

    private static int lineEnd(Buffer buffer, int from) {
        for (int i = from; i < buffer.length() - 1; i++) {
            if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
