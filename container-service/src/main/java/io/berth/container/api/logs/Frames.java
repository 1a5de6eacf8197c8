package io.berth.container.api.logs;

import io.berth.kit.api.DockerTimes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Docker's multiplexed stream framing (stdcopy): an 8-byte header, stream type (1 stdout, 2 stderr), three zero
 * bytes and the payload length as big-endian uint32, then the payload.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerAttach">Docker attach, stream format</a>
 */
public final class Frames {
    /** Docker's media type for multiplexed attach and logs streams (moby api/types/types.go). */
    public static final String MEDIA_TYPE = "application/vnd.docker.multiplexed-stream";
    /** Docker's media type for a terminal's stream, which has no frames (moby api/types/types.go). */
    public static final String RAW_MEDIA_TYPE = "application/vnd.docker.raw-stream";

    private Frames() {
    }

    public static byte[] frame(int stream, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.put((byte) stream).put((byte) 0).put((byte) 0).put((byte) 0).putInt(payload.length).put(payload);
        return frame.array();
    }

    /** A terminal's message as it is, without a frame; with {@code timestamps}, its time and a space in front. */
    static byte[] raw(LogMessage message, boolean timestamps) {
        if (!timestamps) {
            return message.payload();
        }
        byte[] prefix = (DockerTimes.rfc3339NanoFixed(message.time()) + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[prefix.length + message.payload().length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(message.payload(), 0, payload, prefix.length, message.payload().length);
        return payload;
    }

    /** A message's frame; with {@code timestamps}, its time and a space go in front as Docker's logs do. */
    static byte[] frame(LogMessage message, boolean timestamps) {
        if (!timestamps) {
            return frame(message.stream(), message.payload());
        }
        byte[] prefix = (DockerTimes.rfc3339NanoFixed(message.time()) + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[prefix.length + message.payload().length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(message.payload(), 0, payload, prefix.length, message.payload().length);
        return frame(message.stream(), payload);
    }
}
