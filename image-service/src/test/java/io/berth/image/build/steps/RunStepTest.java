package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.Instruction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStepTest {

    private static Instruction.Run run(String text) {
        return (Instruction.Run) Dockerfile.parse("Dockerfile", ("FROM scratch\n" + text).getBytes(StandardCharsets.UTF_8))
                .stages().getFirst().instructions().getFirst();
    }

    private static BuildArgs args(Map<String, String> given, String... declared) {
        BuildArgs a = BuildArgs.of(given);
        a.beginStage();
        for (String d : declared) {
            a.allow(d, null);
        }
        return a;
    }

    @Test
    void shellFormRunsThroughTheStageShell() {
        RunStep step = RunStep.of(StageConfig.scratch(), run("RUN echo built > /built.txt"), args(Map.of()));
        assertThat(step.cmd()).containsExactly("/bin/sh", "-c", "echo built > /built.txt");
        assertThat(step.createdBy()).isEqualTo("/bin/sh -c echo built > /built.txt");
        assertThat(step.env()).containsExactly(StageConfig.DEFAULT_PATH);
        assertThat(step.failure(2)).isEqualTo("The command '/bin/sh -c echo built > /built.txt' returned a non-zero code: 2");
        assertThat(RunStep.of(StageConfig.scratch(), run("RUN [\"/bin/true\", \"x\"]"), args(Map.of())).cmd())
                .containsExactly("/bin/true", "x");
    }

    @Test
    void argsAreInTheEnvironmentAndHistoryButUndeclaredProxiesOnlyInTheEnvironment() {
        BuildArgs a = args(Map.of("B", "2", "A1", "x", "HTTP_PROXY", "http://p"), "B", "A1");
        RunStep step = RunStep.of(StageConfig.scratch(), run("RUN make"), a);
        assertThat(step.env()).contains("B=2", "A1=x", "HTTP_PROXY=http://p");
        assertThat(step.createdBy()).isEqualTo("|2 A1=x B=2 /bin/sh -c make");
        RunStep onlyProxy = RunStep.of(StageConfig.scratch(), run("RUN make"), args(Map.of("HTTP_PROXY", "p")));
        assertThat(onlyProxy.createdBy()).isEqualTo("|0 /bin/sh -c make");
    }

    @Test
    void heredocsRunAsScriptsOrThroughTheShell() {
        RunStep simple = RunStep.of(StageConfig.scratch(), run("RUN <<EOF\necho a\necho b\nEOF"), args(Map.of()));
        assertThat(simple.cmd()).containsExactly("/bin/sh", "-c", "echo a\necho b\n");
        assertThat(simple.script()).isNull();
        RunStep shebang = RunStep.of(StageConfig.scratch(), run("RUN <<PY\n#!/usr/bin/python3\nprint(1)\nPY"), args(Map.of()));
        assertThat(shebang.cmd()).containsExactly("/dev/pipes/PY");
        assertThat(shebang.script()).isEqualTo(new RunStep.Script("/dev/pipes/PY", "#!/usr/bin/python3\nprint(1)\n"));
        RunStep fed = RunStep.of(StageConfig.scratch(), run("RUN cat <<A > /f\nline\nA"), args(Map.of()));
        assertThat(fed.cmd()).containsExactly("/bin/sh", "-c", "cat <<A > /f\nline\nA");
    }

    @Test
    void runFlagsAreRefusedInTheClassicBuildersWords() {
        assertThatThrownBy(() -> RunStep.of(StageConfig.scratch(), run("RUN --mount=type=cache,target=/x true"), args(Map.of())))
                .hasMessage("the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to"
                        + " learn how to build images with BuildKit enabled");
    }

    @Test
    void theShellInstructionChangesRun() {
        StageConfig c = StageConfig.scratch();
        c.shell = List.of("/bin/bash", "-eu", "-c");
        assertThat(RunStep.of(c, run("RUN x"), args(Map.of())).cmd()).containsExactly("/bin/bash", "-eu", "-c", "x");
    }
}
