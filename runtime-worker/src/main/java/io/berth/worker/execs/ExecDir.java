package io.berth.worker.execs;

import java.nio.file.Path;

/**
 * One exec session's directory, {@code execs/<exec id>/}: conmon's bundle path for the session (its attach socket and
 * control fifo are made there, so the path must stay short for a {@code sockaddr_un}), the process spec, the session's
 * own k8s-file log, pid files, the runtime's words and conmon's exit file.
 */
public record ExecDir(Path path) {
    /** Who owns the session and which container it runs in ({@link ExecSession}). */
    public Path session() {
        return path.resolve("session.json");
    }

    /** The OCI process the runtime execs ({@code --exec-process-spec}). */
    public Path process() {
        return path.resolve("process.json");
    }

    /** The session's output, k8s-file lines as a run's log. */
    public Path log() {
        return path.resolve("exec.log");
    }

    /** The exec'd process's pid, written by the runtime once it started. */
    public Path pidFile() {
        return path.resolve("pidfile");
    }

    public Path conmonPidFile() {
        return path.resolve("conmon.pid");
    }

    public Path runtimeLog() {
        return path.resolve("runtime.log");
    }

    public Path conmonOutput() {
        return path.resolve("conmon.out");
    }

    /** conmon's exit file: in exec mode conmon names it by the container's id, in the session's exit directory. */
    public Path exitFile(String containerId) {
        return path.resolve(containerId);
    }

    /** conmon's attach socket ({@code --full-attach}: in the bundle path). */
    public Path attachSocket() {
        return path.resolve("attach");
    }

    /** conmon's control fifo: resizes. */
    public Path controlFifo() {
        return path.resolve("ctl");
    }
}
