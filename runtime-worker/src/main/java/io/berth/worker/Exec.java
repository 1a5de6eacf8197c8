package io.berth.worker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the proven tools the worker drives (tar, mount, runc...) and captures what it said. */
public final class Exec {
    /** What {@link #run} answers for a command that did not end in time, as coreutils' timeout(1) does. */
    public static final int TIMED_OUT = 124;
    /** Output kept per command; a tool that keeps writing is drained on, but what is past this is dropped. */
    static final int OUTPUT_LIMIT = 1 << 20;
    /** How long a drainer may take to see the end of the output once the command is over or killed. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);

    private Exec() {
    }

    /** What a finished command returned and printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the command to its end; a command still running after {@code timeout} is killed, with every process it
     * started, and reported as {@value #TIMED_OUT}. The output is read on a thread of its own while this one waits:
     * a tool that hangs with its output open, or keeps writing, would otherwise keep the caller past any timeout.
     */
    public static Result run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(127, command.getFirst() + ": " + e.getMessage());
        }
        Drain output = new Drain(process.getInputStream());
        Thread drainer = Thread.ofVirtual().name("exec-output").start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                drainer.join(DRAIN_GRACE);
                return new Result(TIMED_OUT, (output.text() + "\n(timed out after " + timeout.toMillis() + " ms)").trim());
            }
            // A child the command left behind may hold the output open; what it writes later is not this command's.
            drainer.join(DRAIN_GRACE);
            return new Result(process.exitValue(), output.text());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }

    /**
     * Kills the process and every process below it. The children are listed first: once their parent is gone
     * they belong to init and are no longer its descendants.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Finds a program on PATH (and the sbin directories a non-login PATH lacks); an absolute path is taken as is. */
    public static String which(String name) {
        if (name.startsWith("/")) {
            return name;
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return name;
    }

    /** Reads a command's output to its end, keeping the first {@link #OUTPUT_LIMIT} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) >= 0;) {
                    synchronized (kept) {
                        kept.write(chunk, 0, Math.max(0, Math.min(n, OUTPUT_LIMIT - kept.size())));
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: what was read is what there is
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8).trim();
            }
        }
    }
}
