package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Containers outlive their node's worker: killing it stops nothing, and the exit is still reported after. */
@ExtendWith(Berth.class)
class WorkerRestartIT {
    @Test
    void aContainerKeepsRunningWhileTheWorkerIsDownAndItsExitIsReportedAfter() throws Exception {
        Command.Result run = docker("run", "-d", "--name", "survivor", "busybox", "sh", "-c", "sleep 6; exit 7");
        assertThat(run.exitCode()).as("%s", run).isZero();
        try {
            ProcessHandle worker = workerProcess().orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get();

            Thread.sleep(1000);
            assertThat(containerProcessAlive("sleep 6")).as("the container's process survives its worker").isTrue();

            // The exit happens while the worker is down; the restarted worker must still report it.
            Thread.sleep(7000);
            Command.Result up = Berth.launcher(Duration.ofMinutes(3), "up");
            assertThat(up.exitCode()).as("%s", up).isZero();

            Command.Result waited = docker(Duration.ofSeconds(60), "wait", "survivor");
            assertThat(waited.stdout().strip()).as("%s", waited).isEqualTo("7");
            assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "survivor").stdout().strip())
                    .isEqualTo("exited 7");
        } finally {
            docker("rm", "-f", "survivor");
        }
    }

    private static Optional<ProcessHandle> workerProcess() throws IOException {
        Path pidFile = Berth.HOME.resolve("run/runtime-worker.pid");
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    }

    private static boolean containerProcessAlive(String commandLine) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains(commandLine)).orElse(false));
    }
}
