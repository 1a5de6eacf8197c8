package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * container-service crashes and comes back: exits flow again at once. (Its consumer of node facts used to wait for
 * the dead instance's group session to time out, and {@code docker run --rm busybox true} took 40 s.)
 */
@ExtendWith(Berth.class)
class ContainerServiceRestartIT {
    /** Well under the group session timeout a lost consumer used to wait for (45 s). */
    private static final long LOST_SESSION_MS = 20_000;

    @Test
    void exitsFlowWithinMomentsOfACrashedContainerServiceComingBack() throws Exception {
        Command.Result started = docker("run", "-d", "--name", "across-crash", "busybox", "sleep", "60");
        assertThat(started.exitCode()).as("%s", started).isZero();
        try {
            ProcessHandle service = ProcessHandle.of(Long.parseLong(
                    Files.readString(Berth.HOME.resolve(Path.of("run", "container-service.pid"))).strip())).orElseThrow();
            service.destroyForcibly();
            service.onExit().get();
            Command.Result up = Berth.launcher(Duration.ofMinutes(3), "up");
            assertThat(up.exitCode()).as("%s", up).isZero();

            // Not a speed figure (bench/ has those): the bound only has to tell "at once" from the 40 s wait for a
            // dead group member's session, with room for a loaded CI machine.
            long begin = System.nanoTime();
            Command.Result run = docker(Duration.ofSeconds(60), "run", "--rm", "busybox", "true");
            long tookMs = Duration.ofNanos(System.nanoTime() - begin).toMillis();
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(tookMs).as("ms for docker run --rm busybox true right after the restart").isLessThan(LOST_SESSION_MS);

            begin = System.nanoTime();
            // sleep as PID 1 ignores SIGTERM: the stop ends in SIGKILL after its one second.
            Command.Result stopped = docker("stop", "-t", "1", "across-crash");
            assertThat(stopped.exitCode()).as("%s", stopped).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - begin).toMillis()).isLessThan(LOST_SESSION_MS);
            assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "across-crash").stdout().strip())
                    .isEqualTo("exited 137");
        } finally {
            docker("rm", "-f", "across-crash");
        }
    }
}
