package io.berth.worker.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a k8s-file log from a byte offset on, whole lines only: conmon may be in the middle of writing the last
 * one, so the bytes after the last newline wait for the next read.
 */
final class LogReader {
    private static final int CHUNK = 64 * 1024;
    private final Path file;
    private long offset;
    private byte[] carry = new byte[0];

    LogReader(Path file, long offset) {
        this.file = file;
        this.offset = offset;
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

    /** The entries written since the last call. */
    List<LogEntry> readNew() throws IOException {
        List<LogEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            while (offset < size) {
                in.seek(offset);
                byte[] chunk = new byte[(int) Math.min(CHUNK, size - offset)];
                in.readFully(chunk);
                offset += chunk.length;
                byte[] data = carry.length == 0 ? chunk : concat(carry, chunk);
                int start = 0;
                for (int i = 0; i < data.length; i++) {
                    if (data[i] == '\n') {
                        LogEntry entry = LogEntry.parse(data, start, i);
                        if (entry != null) {
                            entries.add(entry);
                        }
                        start = i + 1;
                    }
                }
                carry = Arrays.copyOfRange(data, start, data.length);
            }
        }
        return entries;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
