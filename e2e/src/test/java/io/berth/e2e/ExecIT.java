package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static io.berth.e2e.Berth.dockerWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker exec} through the real docker CLI: both streams and the exit code, a command that cannot be exec'd
 * (126 and the runtime's words, as Docker Engine 20.10), piped input with {@code -i}, {@code -d}, {@code -it} in a real
 * terminal (tmux) with its size and exit code, the exec events, and the refusals.
 */
@ExtendWith(Berth.class)
class ExecIT {
    private static final String TARGET = "exec-target";

    @BeforeAll
    static void runTarget() {
        Command.Result run = docker("run", "-d", "--name", TARGET, "busybox", "sleep", "600");
        assertThat(run.exitCode()).as("%s", run).isZero();
    }

    @AfterAll
    static void removeTarget() {
        docker("rm", "-f", TARGET);
    }

    @Test
    void execGivesBothStreamsAndTheExitCode() {
        Command.Result exec = docker("exec", "-e", "EXTRA=x", "-w", "/proc", TARGET, "sh", "-c",
                "echo out-$EXTRA-$(pwd); echo err >&2; exit 3");

        assertThat(exec.exitCode()).as("%s", exec).isEqualTo(3);
        assertThat(exec.stdout()).isEqualTo("out-x-/proc\n");
        assertThat(exec.stderr()).isEqualTo("err\n");
    }

    @Test
    void aCommandThatCannotBeExecdIs126WithTheRuntimesWords() {
        Command.Result exec = docker("exec", TARGET, "nosuch");

        assertThat(exec.exitCode()).as("%s", exec).isEqualTo(126);
        assertThat(exec.stdout() + exec.stderr()).contains("OCI runtime exec failed")
                .contains("\"nosuch\": executable file not found in $PATH");
        // From a shell it is the shell's 127.
        assertThat(docker("exec", TARGET, "sh", "-c", "nosuch").exitCode()).isEqualTo(127);
    }

    @Test
    void pipedInputReachesTheProcessAndItsEndEndsIt() {
        Command.Result exec = dockerWithInput("line one\nline two\n", "exec", "-i", TARGET, "cat");

        assertThat(exec.exitCode()).as("%s", exec).isZero();
        assertThat(exec.stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void aDetachedExecRunsOn() throws Exception {
        Command.Result exec = docker("exec", "-d", TARGET, "sh", "-c", "sleep 1; touch /tmp/detached-done");
        assertThat(exec.exitCode()).as("%s", exec).isZero();

        long deadline = System.currentTimeMillis() + 20_000;
        while (docker("exec", TARGET, "ls", "/tmp/detached-done").exitCode() != 0) {
            assertThat(System.currentTimeMillis()).as("the detached exec's file").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void execItGivesAPromptSizedByTheTerminalAndExitsWithTheShellsCode() {
        try (Tmux terminal = Tmux.start(100, 30, "docker exec -it " + TARGET
                + " sh; echo \"docker-exit=$?\"; sleep 600")) {
            terminal.await("/ #");
            terminal.enter("echo $((6*7))-exec");
            terminal.await("42-exec");
            terminal.enter("stty size");
            terminal.await("30 100");
            terminal.enter("exit 6");
            terminal.await("docker-exit=6");
        }
    }

    @Test
    void theExecEventsCarryTheCommandAndTheExitCode() throws Exception {
        assertThat(docker("exec", TARGET, "sh", "-c", "exit 2").exitCode()).isEqualTo(2);

        // The events reach /events through Kafka: the last may come a moment after the CLI is done.
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Command.Result shown = docker("events", "--since", "10m", "--until", "0s", "--filter",
                    "container=" + TARGET, "--format",
                    "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}");
            assertThat(shown.exitCode()).as("%s", shown).isZero();
            if (shown.stdout().contains("exec_die " + TARGET + " 2") || System.currentTimeMillis() > deadline) {
                assertThat(shown.stdout().lines()).containsSubsequence(
                        "exec_create: sh -c exit 2 " + TARGET + " <no value>",
                        "exec_start: sh -c exit 2 " + TARGET + " <no value>", "exec_die " + TARGET + " 2");
                return;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void theRefusals() {
        Command.Result created = docker("create", "--name", "exec-stopped", "busybox", "true");
        assertThat(created.exitCode()).as("%s", created).isZero();
        try {
            Command.Result notRunning = docker("exec", "exec-stopped", "true");
            assertThat(notRunning.exitCode()).isEqualTo(1);
            assertThat(notRunning.stderr()).contains("Error response from daemon: Container ")
                    .contains(" is not running");
        } finally {
            docker("rm", "-f", "exec-stopped");
        }
        Command.Result noContainer = docker("exec", "exec-nobody", "true");
        assertThat(noContainer.exitCode()).isEqualTo(1);
        assertThat(noContainer.stderr()).contains("No such container: exec-nobody");
        Command.Result badKeys = docker("exec", "--detach-keys", "ctrl-zz", TARGET, "true");
        assertThat(badKeys.exitCode()).isEqualTo(1);
        assertThat(badKeys.stderr()).contains("Invalid escape keys (ctrl-zz) provided");
    }
}
