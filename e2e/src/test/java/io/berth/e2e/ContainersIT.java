package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Containers through the real docker CLI: run, exit codes, detached runs, logs, ps, stop, rm, and mistakes. */
@ExtendWith(Berth.class)
class ContainersIT {
    @Test
    void runPrintsWhatTheContainerSays() {
        Command.Result run = docker("run", "--rm", "busybox", "echo", "hello");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("hello\n");
    }

    @Test
    void runExitsWithTheContainersCode() {
        Command.Result run = docker("run", "--rm", "busybox", "sh", "-c", "exit 3");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
    }

    @Test
    void runKeepsStdoutAndStderrApart() {
        Command.Result run = docker("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");

        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.stderr()).isEqualTo("err\n");
    }

    @Test
    void aDetachedContainerLogsListsStopsAndGoes() {
        Command.Result run = docker("run", "-d", "--name", "s1", "busybox", "sh", "-c", "echo up; sleep 60");
        assertThat(run.exitCode()).as("%s", run).isZero();
        String id = run.stdout().strip();
        try {
            assertThat(id).matches("[0-9a-f]{64}");
            assertThat(eventually(() -> docker("logs", "s1").stdout(), "up\n")).isEqualTo("up\n");
            Command.Result ps = docker("ps", "--format", "{{.Names}} {{.Status}}");
            assertThat(ps.stdout()).contains("s1 Up ");

            Command.Result stop = docker("stop", "s1");
            assertThat(stop.exitCode()).as("%s", stop).isZero();
            assertThat(stop.stdout().strip()).isEqualTo("s1");
            // sh as PID 1 ignores SIGTERM, so stop ends with SIGKILL after its 10 s, as on Docker Engine.
            assertThat(docker("ps", "-a", "--format", "{{.Names}} {{.Status}}").stdout()).contains("s1 Exited (137)");

            Command.Result rm = docker("rm", "s1");
            assertThat(rm.exitCode()).as("%s", rm).isZero();
            assertThat(docker("ps", "-a", "--format", "{{.Names}}").stdout().lines()).doesNotContain("s1");
        } finally {
            docker("rm", "-f", id);
        }
    }

    @Test
    void aOneLetterNameIsRefusedAsDockerEngineRefusesIt() {
        // Docker Engine 20.10 answers `docker run --name s ...` with exactly this (moby daemon/names.go needs two
        // characters); checked against the real engine on this kind of machine.
        Command.Result run = docker("run", "--rm", "--name", "s", "busybox", "true");

        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.stderr()).contains("Invalid container name (s), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    @Test
    void removingWhatDoesNotExistSaysSo() {
        Command.Result rm = docker("rm", "nosuch");

        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.stderr()).contains("No such container: nosuch");
    }

    @Test
    void runningAMissingImageFailsClearlyAndLeavesNothing() {
        String before = docker("ps", "-a", "-q", "--no-trunc").stdout();

        Command.Result run = docker("run", "--rm", "nosuch:1", "true");

        assertThat(run.exitCode()).as("%s", run).isNotZero();
        assertThat(run.stderr()).contains("nosuch:1");
        // The CLI then pulls it from Docker Hub, which these machines cannot reach: dockerd's error says so.
        assertThat(run.stderr()).contains("Unable to find image 'nosuch:1' locally").contains("registry-1.docker.io");
        assertThat(docker("ps", "-a", "-q", "--no-trunc").stdout()).isEqualTo(before);
    }

    @Test
    void runningAMissingCommandFailsLikeDocker() {
        Command.Result run = docker("run", "--rm", "busybox", "no-such-command");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(127);
        assertThat(run.stderr()).contains("executable file not found");
    }

    @Test
    void runsAtOnceEachGetTheirOwnOutputAndExitCode() throws Exception {
        // Eight docker runs at once once lost output (attach ended while a run was being started), misreported a
        // plain exit as lost (255) and clashed on generated names.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Command.Result>> runs = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    String script = "echo out-" + round + "-" + i + "; echo err-" + round + "-" + i + " >&2; exit " + i;
                    runs.add(clients.submit(() -> docker("run", "--rm", "busybox", "sh", "-c", script)));
                }
                for (int i = 1; i <= 8; i++) {
                    Command.Result run = runs.get(i - 1).get(2, TimeUnit.MINUTES);
                    assertThat(run.exitCode()).as("%s", run).isEqualTo(i);
                    assertThat(run.stdout()).as("%s", run).isEqualTo("out-" + round + "-" + i + "\n");
                    assertThat(run.stderr()).as("%s", run).isEqualTo("err-" + round + "-" + i + "\n");
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void removingManyContainersInOneCommandRemovesThemAll() {
        // The CLI sends the removals at once; they used to hang on a database session opened on the wrong event loop.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Command.Result created = docker("create", "busybox", "true");
            assertThat(created.exitCode()).as("%s", created).isZero();
            ids.add(created.stdout().trim());
        }
        Command.Result started = docker("start", ids.get(0));
        assertThat(started.exitCode()).as("%s", started).isZero();

        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(ids);
        Command.Result removed = docker(Duration.ofSeconds(60), rm.toArray(String[]::new));

        assertThat(removed.exitCode()).as("%s", removed).isZero();
        assertThat(docker("ps", "-a", "-q", "--no-trunc").stdout().lines()).doesNotContainAnyElementsOf(ids);
    }

    /** Polls a value that becomes true shortly after an asynchronous step (a container writing its first line). */
    static String eventually(java.util.function.Supplier<String> value, String expected) {
        String last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            last = value.get();
            if (expected.equals(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }
}
