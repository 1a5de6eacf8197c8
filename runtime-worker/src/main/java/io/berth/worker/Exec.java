package io.berth.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the proven tools the worker drives (tar, mount, runc...) and captures what it said. */
public final class Exec {
    private Exec() {
    }

    /** What a finished command returned and printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs the command to its end; a command still running after {@code timeout} is killed and reported as 124. */
    public static Result run(List<String> command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, command.getFirst() + ": " + e.getMessage());
        }
        try (InputStream out = process.getInputStream()) {
            byte[] bytes = out.readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(124, new String(bytes, StandardCharsets.UTF_8) + " (timed out)");
            }
            return new Result(process.exitValue(), new String(bytes, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            process.destroyForcibly();
            return new Result(1, e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }

    /** Finds a program on PATH (and the sbin directories a non-login PATH lacks); an absolute path is taken as is. */
    public static String which(String name) {
        if (name.startsWith("/")) {
            return name;
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, name))) {
                return java.nio.file.Path.of(dir, name).toString();
            }
        }
        return name;
    }
}
