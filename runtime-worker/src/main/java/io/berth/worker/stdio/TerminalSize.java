package io.berth.worker.stdio;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resizes a run's terminal through conmon's control fifo: a line {@code 1 <height> <width>} (conmon's
 * {@code WIN_RESIZE_EVENT}), which conmon turns into {@code TIOCSWINSZ} on the pty, and the kernel into SIGWINCH for
 * the process. conmon takes sizes up to 1000 either way.
 */
public final class TerminalSize {
    /** conmon ignores a larger size (ctrl.c). */
    public static final int MAX = 1000;

    private TerminalSize() {
    }

    public static void resize(Path controlFifo, int height, int width) {
        if (height < 0 || width < 0) {
            throw new InvalidParameterException("a terminal size is not negative: " + height + "x" + width);
        }
        if (!Files.exists(controlFifo)) {
            throw new InternalException("the run has no control fifo at " + controlFifo);
        }
        // Read-write: opening a fifo so never blocks, even when conmon (its reader) is already gone.
        try (RandomAccessFile fifo = new RandomAccessFile(controlFifo.toFile(), "rw")) {
            fifo.write(("1 " + Math.min(height, MAX) + " " + Math.min(width, MAX) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new InternalException("cannot resize the terminal: " + e.getMessage(), e);
        }
    }
}
