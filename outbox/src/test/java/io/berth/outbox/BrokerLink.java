package io.berth.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link on loopback between Kafka clients and one of the broker's listeners, which a test cuts and restores:
 * to the clients it is the broker going down (every connection dropped, every new one closed at once) and coming
 * back. The broker advertises the link's port for that listener, so clients never go around it.
 */
final class BrokerLink implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort = -1;
    private volatile boolean up = true;

    private BrokerLink(ServerSocket server) {
        this.server = server;
        Thread.ofPlatform().daemon().name("broker-link-accept").start(this::accept);
    }

    static BrokerLink open() {
        try {
            return new BrokerLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on now, for a listener the broker opens itself. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Where the broker's listener is; connections made before this is set are closed. */
    void target(int port) {
        targetPort = port;
    }

    /** The broker "goes down": every open connection is dropped, new ones are closed as soon as they arrive. */
    void cut() {
        up = false;
        open.forEach(this::closeQuietly);
    }

    /** The broker "is back". */
    void restore() {
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            if (!up || targetPort < 0) {
                closeQuietly(client);
                continue;
            }
            Socket broker = new Socket();
            open.add(broker);
            try {
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
            } catch (IOException e) {
                closeQuietly(broker);
                closeQuietly(client);
                continue;
            }
            pump(client, broker);
            pump(broker, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("broker-link-pump").start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // Cut, or closed by either side.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        cut();
    }
}
