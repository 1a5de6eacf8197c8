package io.berth.worker.runtime;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.worker.Exec;
import io.berth.worker.NodePaths;
import io.berth.worker.config.WorkerConfig;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.stdio.StdioSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates a container under conmon, the per-container monitor that outlives the worker: it holds the container's
 * stdio, writes the k8s-file log and, when the process ends, the exit file.
 *
 * <p>conmon daemonizes and returns before the runtime's {@code create} has finished (it reports the outcome only
 * through a sync pipe, which a JVM cannot hand to a child), so the worker waits for the pid file the runtime writes
 * on success, or for conmon to be gone without one.
 */
@ApplicationScoped
public class Conmon {
    private static final long CREATE_TIMEOUT_MS = 30_000;
    private final String conmon;
    private final OciRuntime runtime;
    private final NodePaths paths;

    Conmon(WorkerConfig config, OciRuntime runtime, NodePaths paths) {
        this.conmon = Exec.which(config.conmon());
        this.runtime = runtime;
        this.paths = paths;
    }

    /** Creates the container (not yet started); fails with 400 when the runtime cannot exec the command. */
    public void create(String id, String name, ContainerDir dir) {
        create(id, name, dir, false, StdioSettings.closed());
    }

    /**
     * The same, with the run's stdio: a terminal ({@code -t}: the runtime hands conmon the pty, and output is one
     * stream), and stdin open to the attach socket ({@code -i}). conmon closes the container's stdin when an attached
     * client ends its input, unless told to leave it open: Docker closes it then only for {@code StdinOnce} without a
     * terminal (moby container/stream/attach.go: a TTY's stdin is never closed by an attach).
     */
    public void create(String id, String name, ContainerDir dir, boolean terminal, StdioSettings stdio) {
        List<String> command = new ArrayList<>(List.of(conmon, "--api-version", "1", "-c", id, "-u", id,
                "-r", runtime.binary()));
        for (String arg : runtime.globalArgs()) {
            command.add("--runtime-arg");
            command.add(arg);
        }
        command.addAll(List.of("--runtime-arg", "--log=" + dir.runtimeLog(),
                "-b", dir.path().toString(), "-p", dir.pidFile().toString(), "-n", name,
                "--exit-dir", paths.exits().toString(),
                "-l", "k8s-file:" + dir.log(),
                "--log-level", "error",
                "--socket-dir-path", dir.path().toString(),
                // Where conmon marks an OOM kill ("oom"), read as the run's oomKilled fact.
                "--persist-dir", dir.path().toString(),
                "-P", dir.conmonPidFile().toString(),
                "--full-attach"));
        if (terminal) {
            command.add("-t");
        }
        if (stdio.openStdin()) {
            command.add("-i");
            if (terminal || !stdio.stdinOnce()) {
                command.add("--leave-stdin-open");
            }
        }
        try {
            Process process = new ProcessBuilder(command)
                    // Older conmons also create "oom" in their working directory.
                    .directory(dir.path().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    // A file, not a pipe: the daemonized conmon must not keep a pipe of ours open.
                    .redirectOutput(dir.conmonOutput().toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InternalException("conmon did not return in time for container " + id);
            }
            if (process.exitValue() != 0) {
                throw failure(id, dir, "conmon failed with exit code " + process.exitValue());
            }
            awaitCreated(id, dir);
        } catch (IOException e) {
            throw new InternalException("cannot run conmon: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while creating container " + id);
        }
    }

    private void awaitCreated(String id, ContainerDir dir) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CREATE_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (dir.readPid(dir.pidFile()) > 0) {
                return;
            }
            long conmonPid = dir.readPid(dir.conmonPidFile());
            if (conmonPid > 0 && ProcessHandle.of(conmonPid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(20);
                continue;
            }
            if (conmonPid > 0) {
                // conmon is gone; one last look, the pid file may have been renamed into place meanwhile.
                if (dir.readPid(dir.pidFile()) > 0) {
                    return;
                }
                throw failure(id, dir, "the runtime could not create container " + id);
            }
            Thread.sleep(20);
        }
        throw failure(id, dir, "container " + id + " was not created in time");
    }

    /** The runtime's own words when it said anything, else {@code fallback}; 400 for a command that cannot run. */
    public static RuntimeException failure(String id, ContainerDir dir, String fallback) {
        String message = RuntimeErrors.message(read(dir.runtimeLog()), read(dir.conmonOutput()));
        if (message.isEmpty()) {
            return new InternalException(fallback);
        }
        return RuntimeErrors.isExecFailure(message) ? new InvalidParameterException(message)
                : new InternalException(message);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
