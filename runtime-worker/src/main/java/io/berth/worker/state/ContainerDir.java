package io.berth.worker.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One container's directory, {@code containers/<id>/}: the OCI bundle (config.json), the overlay's upper, work and
 * merged dirs, the k8s-file log, the pid files, conmon's attach socket and persist files, and {@code meta.json}.
 */
public record ContainerDir(Path path) {
    public Path upper() {
        return path.resolve("upper");
    }

    public Path work() {
        return path.resolve("work");
    }

    /** The overlay mount point and the bundle's {@code root.path}. */
    public Path merged() {
        return path.resolve("merged");
    }

    public Path config() {
        return path.resolve("config.json");
    }

    /** conmon's k8s-file log; it appends across runs. */
    public Path log() {
        return path.resolve("ctr.log");
    }

    public Path meta() {
        return path.resolve("meta.json");
    }

    /** The container's init pid, written by the runtime once the container is created. */
    public Path pidFile() {
        return path.resolve("pidfile");
    }

    public Path conmonPidFile() {
        return path.resolve("conmon.pid");
    }

    /** The runtime's {@code --log} file: where runc/crun say why a create or start failed. */
    public Path runtimeLog() {
        return path.resolve("runtime.log");
    }

    /** What conmon printed while starting. */
    public Path conmonOutput() {
        return path.resolve("conmon.out");
    }

    /**
     * conmon's mark that the kernel's OOM killer acted in the run's cgroup: conmon creates {@code oom} in its
     * persist directory (this one) when the cgroup's OOM counter moves (memory.oom_control events on cgroup v1,
     * memory.events on v2).
     */
    public Path oomFile() {
        return path.resolve("oom");
    }

    /** The copy of the exit code conmon writes in its persist directory; the exit directory's copy is the one read. */
    public Path persistedExit() {
        return path.resolve("exit");
    }

    /** conmon's attach socket ({@code --full-attach}: in the bundle): the container's stdin goes in there. */
    public Path attachSocket() {
        return path.resolve("attach");
    }

    /** conmon's control fifo: {@code 1 <height> <width>} resizes the run's terminal. */
    public Path controlFifo() {
        return path.resolve("ctl");
    }

    /** conmon's window-size fifo, fed through the control fifo. */
    public Path windowSizeFifo() {
        return path.resolve("winsz");
    }

    /** What the container's stdio is ({@code StdioSettings}): stdin kept open, closed after one attach, terminal size. */
    public Path stdio() {
        return path.resolve("stdio.json");
    }

    public boolean exists() {
        return Files.isDirectory(path);
    }

    /** Whether the container's process, or conmon about to write its exit, still lives. */
    public boolean processesAlive(long containerPid) {
        return isAlive(containerPid) || isAlive(readPid(conmonPidFile()));
    }

    /**
     * Whether a process runs: a zombie does not. Orphans are reaped by the host's init, and an init that does not
     * reap (some sandboxes) leaves zombies that {@link ProcessHandle#isAlive()} still counts as alive.
     */
    public static boolean isAlive(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int endOfName = stat.lastIndexOf(')');
            return endOfName > 0 && stat.length() > endOfName + 2 && stat.charAt(endOfName + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** A pid from one of the pid files; 0 when absent or not written yet. */
    public long readPid(Path pidFile) {
        return pidIn(pidFile);
    }

    /** A pid from a pid file; 0 when absent or not written yet. */
    public static long pidIn(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
