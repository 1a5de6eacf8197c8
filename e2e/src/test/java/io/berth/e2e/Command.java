package io.berth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion and keeps what it printed; the suites' only way to touch Berth is a real client. */
final class Command {
    private Command() {
    }

    /** What a finished command left: its exit code and both streams. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static Result run(Map<String, String> env, Duration timeout, String... command) {
        return run(env, timeout, List.of(command));
    }

    static Result run(Map<String, String> env, Duration timeout, List<String> command) {
        return run(env, timeout, null, command);
    }

    /** The same with {@code input} as the command's stdin (null: none, /dev/null). */
    static Result run(Map<String, String> env, Duration timeout, String input, List<String> command) {
        return run(env, timeout, input, command, null);
    }

    /** The same in the working directory {@code dir} (null: the suite's). */
    static Result run(Map<String, String> env, Duration timeout, String input, List<String> command, Path dir) {
        try {
            Path out = Files.createTempFile("berth-e2e", ".out");
            Path err = Files.createTempFile("berth-e2e", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(input == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                                : ProcessBuilder.Redirect.PIPE);
                builder.environment().putAll(env);
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                Process process = builder.start();
                if (input != null) {
                    try (java.io.OutputStream stdin = process.getOutputStream()) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout
                            + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
