package io.berth.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that speaks HTTP/1.1 over a bare socket, so a test can see exactly when a response head arrives and keep
 * using the connection after a 101, as the docker CLI does.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    RawHttp send(String head) throws IOException {
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads up to and including the empty line that ends a response head; fails after {@code timeoutMillis}. */
    String readHead(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes. */
    String read(int n, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Whether anything arrives within {@code millis}; a read that times out means nothing did. */
    boolean quietFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected silence, got byte " + b);
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    /** Everything up to and including {@code suffix}. */
    String readUntil(String suffix, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith(suffix)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + suffix + ": " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Everything until the peer closes. */
    String readToEnd(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    void write(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Writes {@code n} zero bytes, stopping quietly when the peer stops reading (a refused upload). */
    void sendZeros(long n) {
        byte[] block = new byte[64 * 1024];
        try {
            for (long sent = 0; sent < n; sent += block.length) {
                socket.getOutputStream().write(block, 0, (int) Math.min(block.length, n - sent));
            }
            socket.getOutputStream().flush();
        } catch (IOException peerStopped) {
            // The answer came first and the gateway closed: what a real client sees too.
        }
    }

    /** Ends the sending side only, as Go's {@code CloseWrite}. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Drops the connection with a reset, as a killed client's kernel does when unread data is left. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
