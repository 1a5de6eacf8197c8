package io.berth.worker.runtime;

import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.worker.Exec;
import io.berth.worker.NodePaths;
import io.berth.worker.config.WorkerConfig;
import io.berth.worker.execs.ExecDir;
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
        List<String> command = common(id, id, name, dir.path(), dir.pidFile(), dir.conmonPidFile(), dir.runtimeLog(),
                paths.exits(), dir.log());
        // Where conmon marks an OOM kill ("oom"), read as the run's oomKilled fact.
        command.addAll(List.of("--persist-dir", dir.path().toString()));
        if (terminal) {
            command.add("-t");
        }
        if (stdio.openStdin()) {
            command.add("-i");
            if (terminal || !stdio.stdinOnce()) {
                command.add("--leave-stdin-open");
            }
        }
        launch(id, command, dir.path(), dir.conmonOutput());
        try {
            if (!awaitPid(dir.pidFile(), dir.conmonPidFile())) {
                throw failure(id, dir, "the runtime could not create container " + id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while creating container " + id);
        }
    }

    /**
     * Starts an exec session in the container's live run under a conmon of its own ({@code --exec}), which runs the
     * runtime's {@code exec} with the session's process spec and stays as the process's monitor: output to the
     * session's log, stdin from its attach socket ({@code -i}), the exit code to its exit file. The session's stdin is
     * closed when an attached client ends its input, but for a terminal's (moby daemon/exec.go: {@code CloseStdin},
     * which container/stream/attach.go skips for a TTY). Answers whether the process started; when it did not, the
     * runtime's words are in the session's runtime log.
     */
    public boolean exec(String containerId, String execId, String name, ExecDir dir, boolean terminal,
            boolean openStdin) {
        List<String> command = common(containerId, execId, name, dir.path(), dir.pidFile(), dir.conmonPidFile(),
                dir.runtimeLog(), dir.path(), dir.log());
        command.addAll(List.of("-e", "--exec-process-spec", dir.process().toString()));
        if (terminal) {
            command.add("-t");
        }
        if (openStdin) {
            command.add("-i");
            if (terminal) {
                command.add("--leave-stdin-open");
            }
        }
        launch(execId, command, dir.path(), dir.conmonOutput());
        try {
            return awaitPid(dir.pidFile(), dir.conmonPidFile());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while starting exec " + execId);
        }
    }

    /** The arguments every conmon of the worker gets: ids, runtime, bundle path, pid, exit and log files. */
    private List<String> common(String containerId, String sessionId, String name, Path bundle, Path pidFile,
            Path conmonPidFile, Path runtimeLog, Path exitDir, Path log) {
        List<String> command = new ArrayList<>(List.of(conmon, "--api-version", "1", "-c", containerId,
                "-u", sessionId, "-r", runtime.binary()));
        for (String arg : runtime.globalArgs()) {
            command.add("--runtime-arg");
            command.add(arg);
        }
        command.addAll(List.of("--runtime-arg", "--log=" + runtimeLog,
                "-b", bundle.toString(), "-p", pidFile.toString(), "-n", name,
                "--exit-dir", exitDir.toString(),
                "-l", "k8s-file:" + log,
                "--log-level", "error",
                "--socket-dir-path", bundle.toString(),
                "-P", conmonPidFile.toString(),
                "--full-attach"));
        return command;
    }

    /** Runs conmon, which daemonizes: its own process returns at once. */
    private static void launch(String id, List<String> command, Path workDir, Path output) {
        try {
            Process process = new ProcessBuilder(command)
                    // Older conmons also create "oom" in their working directory.
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    // A file, not a pipe: the daemonized conmon must not keep a pipe of ours open.
                    .redirectOutput(output.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InternalException("conmon did not return in time for " + id);
            }
            if (process.exitValue() != 0) {
                String said = read(output).trim();
                throw new InternalException("conmon failed with exit code " + process.exitValue()
                        + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (IOException e) {
            throw new InternalException("cannot run conmon: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while starting conmon for " + id);
        }
    }

    /** Waits for the pid file the runtime writes on success; false once conmon is gone without one. */
    private static boolean awaitPid(Path pidFile, Path conmonPidFile) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CREATE_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (ContainerDir.pidIn(pidFile) > 0) {
                return true;
            }
            long conmonPid = ContainerDir.pidIn(conmonPidFile);
            if (conmonPid > 0 && ContainerDir.isAlive(conmonPid)) {
                Thread.sleep(10);
                continue;
            }
            if (conmonPid > 0) {
                // conmon is gone; one last look, the pid file may have been renamed into place meanwhile.
                return ContainerDir.pidIn(pidFile) > 0;
            }
            Thread.sleep(10);
        }
        throw new InternalException("the runtime did not start the process in time");
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
