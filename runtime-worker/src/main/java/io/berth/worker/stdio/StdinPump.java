package io.berth.worker.stdio;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Copies one HTTP request body into a run's stdin through conmon's attach socket. The body's chunks are written by a
 * thread of their own (socket calls block), one chunk at a time: the request is paused while a chunk is on its way,
 * so a client typing faster than the container reads is held back. conmon also sends the run's output on the socket;
 * it is read and dropped (the output reaches clients through the log, which loses nothing written before an attach).
 * The end of the body, or a dropped connection, half-closes the socket: conmon reads the end of the input (and closes
 * the container's stdin unless told to leave it open).
 *
 * <p>The socket is read on until conmon closes it, which it does when the run ends, never shut or closed by the worker
 * first: conmon 2.1.6 frees a client's socket when both its directions are shut and then still reads it
 * ({@code terminate_remote_sock} after {@code remote_sock_shutdown}, conn_sock.c), so when its copy of the output to a
 * client that no longer reads fails before it has read that client's end of input, it sometimes never closes the
 * container's stdin ({@code printf 'a\n' | docker run -i busybox cat} never ended, about 1 run in 20; notes/issue-9.md,
 * defect 2). The cost is one parked reader thread per ended stream until its run ends.
 */
public final class StdinPump {
    private static final Logger LOG = Logger.getLogger(StdinPump.class);
    /** Below conmon's read size for one packet (conn_sock.h, CONN_SOCK_BUF_SIZE): a bigger one would be cut. */
    static final int PACKET = 8192;
    private static final Buffer END = Buffer.buffer();
    private static final Buffer GONE = Buffer.buffer();

    private final SeqPacketSocket socket;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final BlockingQueue<Buffer> chunks = new LinkedBlockingQueue<>();
    private final AtomicBoolean answered = new AtomicBoolean();
    /** The two threads using the socket; the last one out releases it. */
    private final AtomicInteger users = new AtomicInteger(2);

    private StdinPump(SeqPacketSocket socket, HttpServerRequest request, HttpServerResponse response, Context context) {
        this.socket = socket;
        this.request = request;
        this.response = response;
        this.context = context;
    }

    /** Connects to the socket at {@code attach} and copies the body there until it ends, the run ends or the caller goes. */
    public static void start(Path attach, HttpServerRequest request, HttpServerResponse response, Context context,
            ExecutorService threads) throws IOException {
        SeqPacketSocket socket = SeqPacketSocket.connect(attach);
        StdinPump pump = new StdinPump(socket, request, response, context);
        threads.execute(pump::drainOutput);
        threads.execute(pump::writeInput);
        context.runOnContext(v -> {
            response.closeHandler(closed -> pump.chunks.add(GONE));
            request.exceptionHandler(e -> pump.chunks.add(GONE));
            request.handler(chunk -> {
                request.pause();
                pump.chunks.add(chunk);
            });
            request.endHandler(end -> pump.chunks.add(END));
            request.resume();
        });
    }

    private void writeInput() {
        try {
            while (true) {
                Buffer chunk = chunks.take();
                if (chunk == END || chunk == GONE) {
                    // conmon reads the end of the input; the reader goes on until conmon closes (see the class comment).
                    socket.shutdownOutput();
                    answer();
                    return;
                }
                byte[] bytes = chunk.getBytes();
                socket.write(bytes, 0, bytes.length, PACKET);
                context.runOnContext(v -> request.resume());
            }
        } catch (IOException e) {
            // The run ended (conmon is gone) while input was still coming: nothing reads it any more.
            LOG.debugf("stdin stream ended: %s", e.getMessage());
            answer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release();
        }
    }

    private void drainOutput() {
        byte[] packet = new byte[PACKET * 4 + 1];
        try {
            while (socket.read(packet) >= 0) {
                // dropped: see the class comment
            }
        } catch (IOException e) {
            LOG.debugf("attach socket: %s", e.getMessage());
        } finally {
            // conmon closed the socket (the run is over): nothing more goes in.
            chunks.add(GONE);
            answer();
            release();
        }
    }

    private void release() {
        if (users.decrementAndGet() == 0) {
            socket.close();
        }
    }

    /** 204 once: the input is over, or there is nobody left to take it. */
    private void answer() {
        if (answered.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                if (!response.ended() && !response.closed()) {
                    response.setStatusCode(204).end();
                }
            });
        }
    }
}
