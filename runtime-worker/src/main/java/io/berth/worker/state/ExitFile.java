package io.berth.worker.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * conmon's exit file: {@code <exit dir>/<container id>} holding the exit code in decimal (128 + signal for a
 * process killed by a signal); its modification time is when the process ended.
 */
public record ExitFile(int exitCode, Instant finishedAt) {

    /** Reads an exit file; empty when it is absent or not fully written yet. */
    public static Optional<ExitFile> read(Path file) {
        try {
            String text = Files.readString(file).trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ExitFile(Integer.parseInt(text), Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
