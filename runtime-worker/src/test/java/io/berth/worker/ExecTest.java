package io.berth.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.worker.state.ContainerDir;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exec.run: exit code and output, and a timeout that holds against hung, chatty and forking commands. */
class ExecTest {
    @Test
    void capturesExitCodeAndBothStreams() {
        Exec.Result result = Exec.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out").contains("err");
    }

    @Test
    void aCommandThatHangsIsKilledAtItsTimeout() {
        long started = System.nanoTime();
        Exec.Result result = Exec.run(List.of("sleep", "30"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.exitCode()).isEqualTo(Exec.TIMED_OUT);
        assertThat(result.output()).contains("timed out");
    }

    @Test
    void aCommandThatKeepsWritingIsKilledAtItsTimeoutAndItsOutputBounded() {
        long started = System.nanoTime();
        Exec.Result result = Exec.run(List.of("sh", "-c", "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done"),
                Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.exitCode()).isEqualTo(Exec.TIMED_OUT);
        assertThat(result.output()).startsWith("xxxx").hasSizeLessThan(Exec.OUTPUT_LIMIT + 100);
    }

    @Test
    void theChildrenOfACommandThatHangsAreKilledWithIt() throws Exception {
        // The child holds the output pipe open: reading to the end first would wait the full 30 s.
        long started = System.nanoTime();
        Exec.Result result = Exec.run(List.of("sh", "-c", "sleep 30 & echo $!; wait"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.exitCode()).isEqualTo(Exec.TIMED_OUT);
        long child = Long.parseLong(result.output().lines().findFirst().orElseThrow().trim());
        ProcessHandle.of(child).ifPresent(handle -> handle.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .join());
        assertThat(ContainerDir.isAlive(child)).isFalse();
    }

    @Test
    void aMissingProgramIs127() {
        assertThat(Exec.run(List.of("/nonexistent/tool"), Duration.ofSeconds(1)).exitCode()).isEqualTo(127);
    }
}
