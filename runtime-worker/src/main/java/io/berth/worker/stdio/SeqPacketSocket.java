package io.berth.worker.stdio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connected {@code SOCK_SEQPACKET} unix socket, the kind conmon's attach socket is; the JDK's own channels speak
 * only stream and datagram unix sockets, so this one goes through the foreign-function API to libc. Calls block:
 * use it from platform threads (a virtual thread in a native call pins its carrier).
 *
 * <p>One thread may read while another writes. {@link #shutdown()} wakes a blocked reader (it reads end of stream);
 * the descriptor itself is released by {@link #close()} once no call is under way.
 */
public final class SeqPacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SHUT_WR = 1;
    private static final int SHUT_RDWR = 2;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    /** {@code sizeof(sockaddr_un.sun_path)} on Linux. */
    private static final int SUN_PATH = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option KEEP_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = function("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = function("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = function("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = function("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SeqPacketSocket(int fd) {
        this.fd = fd;
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor, KEEP_ERRNO);
    }

    /** Connects to the socket bound at {@code path}; its absolute name must fit a {@code sockaddr_un}. */
    public static SeqPacketSocket connect(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new IOException("socket path longer than " + (SUN_PATH - 1) + " bytes: " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw failure("socket", state);
            }
            // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
            MemorySegment address = arena.allocate(2 + SUN_PATH);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int result;
            do {
                result = (int) CONNECT.invokeExact(state, fd, address, 2 + name.length + 1);
            } while (result < 0 && errno(state) == EINTR);
            if (result < 0) {
                IOException e = failure("connect to " + path, state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw e;
            }
            return new SeqPacketSocket(fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot call libc: " + e.getMessage(), e);
        }
    }

    /** Sends {@code length} bytes as packets of at most {@code packet} bytes each. */
    public void write(byte[] bytes, int offset, int length, int packet) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buffer = arena.allocate(Math.max(1, Math.min(length, packet)));
            int done = 0;
            while (done < length) {
                int size = Math.min(packet, length - done);
                MemorySegment.copy(bytes, offset + done, buffer, ValueLayout.JAVA_BYTE, 0, size);
                long sent = (long) SEND.invokeExact(state, fd, buffer, (long) size, MSG_NOSIGNAL);
                if (sent < 0) {
                    if (errno(state) == EINTR) {
                        continue;
                    }
                    throw failure("send", state);
                }
                // A packet socket sends whole packets.
                done += (int) sent;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot call libc: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one packet into {@code into} (a longer one is cut); the number of bytes, or -1 at the end of the stream
     * (the peer closed, or {@link #shutdown()} was called).
     */
    public int read(byte[] into) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buffer = arena.allocate(into.length);
            while (true) {
                long got = (long) RECV.invokeExact(state, fd, buffer, (long) into.length, 0);
                if (got < 0) {
                    if (errno(state) == EINTR) {
                        continue;
                    }
                    if (closed.get()) {
                        return -1;
                    }
                    throw failure("recv", state);
                }
                if (got == 0) {
                    return -1;
                }
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, into, 0, (int) got);
                return (int) got;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot call libc: " + e.getMessage(), e);
        }
    }

    /** Half-closes: the peer reads the end of our input, and may still send. */
    public void shutdownOutput() throws IOException {
        shutdown(SHUT_WR);
    }

    /** Ends both directions; a read under way returns -1. */
    public void shutdown() {
        try {
            shutdown(SHUT_RDWR);
        } catch (IOException alreadyGone) {
            // the peer is gone: nothing left to end
        }
    }

    private void shutdown(int how) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if ((int) SHUTDOWN.invokeExact(state, fd, how) < 0) {
                throw failure("shutdown", state);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot call libc: " + e.getMessage(), e);
        }
    }

    /** Releases the descriptor; call once no read or write is under way. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable e) {
            // nothing to do about a failed close
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static IOException failure(String call, MemorySegment state) {
        int errno = errno(state);
        return new IOException(call + " failed: " + strerror(errno) + " (errno " + errno + ")");
    }

    private static String strerror(int errno) {
        return switch (errno) {
            case 2 -> "no such file or directory";
            case 13 -> "permission denied";
            case 32 -> "broken pipe";
            case 104 -> "connection reset by peer";
            case 107 -> "not connected";
            case 111 -> "connection refused";
            default -> "error";
        };
    }
}
