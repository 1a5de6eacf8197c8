package io.berth.worker.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a k8s-file log from a byte offset on, in whole lines only: conmon may be in the middle of writing the last
 * one, so the bytes after the last newline wait for the next read.
 */
final class LogReader {
    static final byte[] NOTHING = new byte[0];
    private static final int CHUNK = 64 * 1024;
    private final Path file;
    private final long limit;
    private long offset;

    /** Reads from {@code offset} up to {@code limit} (a line boundary; {@link Long#MAX_VALUE} for no limit). */
    LogReader(Path file, long offset, long limit) {
        this.file = file;
        this.offset = offset;
        this.limit = limit;
    }

    /** The offset just past the last whole line of the log now; 0 for a log not written yet. */
    static long endOfLines(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (end > 0) {
                long from = Math.max(0, end - CHUNK);
                buffer.clear().limit((int) (end - from));
                channel.read(buffer, from);
                for (int i = buffer.position() - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        return from + i + 1;
                    }
                }
                end = from;
            }
            return 0;
        } catch (IOException e) {
            return 0; // not written yet (or unreadable): nothing to skip
        }
    }

    /** False once the file is gone or shorter than what was read: nothing more will come from it. */
    boolean intact() {
        if (!Files.exists(file)) {
            return offset == 0; // not written yet: a created container's first run
        }
        try {
            return Files.size(file) >= offset;
        } catch (IOException e) {
            return false;
        }
    }

    /** The whole lines written since the last call, at most about {@value #CHUNK} bytes of them (a longer line whole). */
    byte[] next() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = Math.min(channel.size(), limit);
            int want = (int) Math.min(end - offset, CHUNK);
            while (want > 0) {
                ByteBuffer buffer = ByteBuffer.allocate(want);
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                    // read until full; a short read means the file shrank, and what was read is all there is
                }
                for (int i = buffer.position() - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        byte[] lines = new byte[i + 1];
                        buffer.get(0, lines);
                        offset += lines.length;
                        return lines;
                    }
                }
                if (offset + want >= end || buffer.position() < want) {
                    return NOTHING; // the last line is not complete yet
                }
                want = (int) Math.min(end - offset, (long) want * 2);
            }
            return NOTHING;
        } catch (NoSuchFileException e) {
            return NOTHING;
        }
    }
}
