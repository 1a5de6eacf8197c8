package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.HealthConfig;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.ShellLex;
import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metadata steps against Docker Engine 20.10's classic builder: the expected configuration and history lines are what
 * the reference engine gave for the same Dockerfile ({@code docker build --build-arg V=9}, then {@code docker
 * inspect} and {@code docker history --no-trunc}).
 */
class MetadataStepsTest {
    static final String DOCKERFILE = """
            FROM scratch
            MAINTAINER someone <a@b.c>
            ARG V=1
            ENV A=1 B="two words" C=$V
            ENV OLD old style
            LABEL version=1.0 "com.example.x"="y z"
            EXPOSE 8080 443/tcp 53/udp 7000-7001
            WORKDIR app
            WORKDIR sub
            USER nobody:nogroup
            VOLUME ["/data", "/logs"]
            VOLUME /a
            STOPSIGNAL SIGINT
            SHELL ["/bin/bash", "-c"]
            HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --retries=3 CMD curl -f localhost
            ONBUILD RUN make
            ENTRYPOINT ["/entry"]
            CMD run --fast
            """;
    private static final MetadataSteps.SignalCheck ANY_SIGNAL = s -> { };

    private static List<Instruction> steps(String text) {
        return Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8)).stages().getFirst()
                .instructions();
    }

    @Test
    void aMetadataOnlyBuildGivesTheConfigAndHistoryDockerGives() {
        StageConfig c = StageConfig.scratch();
        BuildArgs args = BuildArgs.of(Map.of("V", "9"));
        args.beginStage();
        ShellLex lex = ShellLex.of('\\');
        List<String> history = new ArrayList<>();
        for (Instruction step : steps(DOCKERFILE)) {
            history.add(MetadataSteps.apply(c, step, lex, args, ANY_SIGNAL).createdBy());
        }
        assertThat(history).containsExactly(
                "/bin/sh -c #(nop)  MAINTAINER someone <a@b.c>",
                "/bin/sh -c #(nop)  ARG V=1",
                "/bin/sh -c #(nop)  ENV A=1 B=two words C=9",
                "/bin/sh -c #(nop)  ENV OLD=old style",
                "/bin/sh -c #(nop)  LABEL version=1.0 com.example.x=y z",
                "/bin/sh -c #(nop)  EXPOSE 443/tcp 53/udp 7000-7001 8080",
                "/bin/sh -c #(nop) WORKDIR /app",
                "/bin/sh -c #(nop) WORKDIR /app/sub",
                "/bin/sh -c #(nop)  USER nobody:nogroup",
                "/bin/sh -c #(nop)  VOLUME [/data /logs]",
                "/bin/sh -c #(nop)  VOLUME [/a]",
                "/bin/sh -c #(nop)  STOPSIGNAL SIGINT",
                "/bin/bash -c #(nop)  SHELL [/bin/bash -c]",
                "/bin/bash -c #(nop)  HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f localhost\"] \"30s\" \"1m30s\" \"5s\" '\\x03'}",
                "/bin/bash -c #(nop)  ONBUILD RUN make",
                "/bin/bash -c #(nop)  ENTRYPOINT [\"/entry\"]",
                "/bin/bash -c #(nop)  CMD [\"/bin/bash\" \"-c\" \"run --fast\"]");
        assertThat(c.author()).isEqualTo("someone <a@b.c>");
        assertThat(c.user()).isEqualTo("nobody:nogroup");
        assertThat(c.exposedPorts()).containsExactly("443/tcp", "53/udp", "7000/tcp", "7001/tcp", "8080/tcp");
        assertThat(c.env()).containsExactly(StageConfig.DEFAULT_PATH, "A=1", "B=two words", "C=9", "OLD=old style");
        assertThat(c.cmd()).containsExactly("/bin/bash", "-c", "run --fast");
        assertThat(c.healthcheck()).isEqualTo(new HealthConfig(List.of("CMD-SHELL", "curl -f localhost"),
                Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(5), 3));
        assertThat(c.volumes()).containsExactly("/a", "/data", "/logs");
        assertThat(c.workingDir()).isEqualTo("/app/sub");
        assertThat(c.entrypoint()).containsExactly("/entry");
        assertThat(c.onBuild()).containsExactly("RUN make");
        assertThat(c.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("com.example.x", "y z", "version", "1.0")));
        assertThat(c.stopSignal()).isEqualTo("SIGINT");
        assertThat(c.shell()).containsExactly("/bin/bash", "-c");
    }

    private static MetadataSteps.Applied apply(StageConfig c, String line) {
        BuildArgs args = BuildArgs.of(Map.of());
        args.beginStage();
        return MetadataSteps.apply(c, steps("FROM scratch\n" + line).getFirst(), ShellLex.of('\\'), args, ANY_SIGNAL);
    }

    @Test
    void anEntrypointDropsTheInheritedCmdUnlessTheStageSetOne() {
        StageConfig base = StageConfig.fromBase(null, null, List.of("PATH=/bin"), List.of("sh"), null, null, null,
                null, List.of("RUN a", "RUN b"), null, null, null);
        assertThat(base.env()).containsExactly("PATH=/bin");
        assertThat(base.takeTriggers()).containsExactly("RUN a", "RUN b");
        assertThat(base.onBuild()).isEmpty();
        apply(base, "ENTRYPOINT [\"top\"]");
        assertThat(base.cmd()).isNull();
        StageConfig own = StageConfig.scratch();
        apply(own, "CMD [\"-b\"]");
        apply(own, "ENTRYPOINT top");
        assertThat(own.cmd()).containsExactly("-b");
        assertThat(own.entrypoint()).containsExactly("/bin/sh", "-c", "top");
        assertThat(apply(own, "ENTRYPOINT []").createdBy()).isEqualTo("/bin/sh -c #(nop)  ENTRYPOINT []");
        assertThat(own.entrypoint()).isNull();
    }

    @Test
    void exposeExpandsOneWordIntoSeveral() {
        StageConfig c = StageConfig.scratch();
        apply(c, "ENV PORTS=\"80 9000-9001/udp\"");
        assertThat(apply(c, "EXPOSE $PORTS").createdBy()).isEqualTo("/bin/sh -c #(nop)  EXPOSE 80 9000-9001/udp");
        assertThat(c.exposedPorts()).containsExactly("80/tcp", "9000/udp", "9001/udp");
    }

    @Test
    void badValuesGetDockersWords() {
        StageConfig c = StageConfig.scratch();
        assertThatThrownBy(() -> apply(c, "EXPOSE 80/xyz")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid proto: xyz");
        assertThatThrownBy(() -> apply(c, "EXPOSE abc")).hasMessage("Invalid containerPort: abc");
        assertThatThrownBy(() -> apply(c, "ENV A=${}")).hasMessage("failed to process \"${}\": syntax error: bad substitution");
        assertThatThrownBy(() -> apply(c, "VOLUME $NOTHING")).hasMessage("VOLUME specified can not be an empty string");
        assertThatThrownBy(() -> MetadataSteps.apply(c, steps("FROM scratch\nSTOPSIGNAL FOO").getFirst(),
                ShellLex.of('\\'), BuildArgs.of(Map.of()), s -> {
                    throw new InvalidParameterException("Invalid signal: " + s);
                })).hasMessage("Invalid signal: FOO");
    }

    @Test
    void aSecondHealthcheckIsNoted() {
        StageConfig c = StageConfig.scratch();
        assertThat(apply(c, "HEALTHCHECK NONE").createdBy())
                .isEqualTo("/bin/sh -c #(nop)  HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" '\\x00'}");
        assertThat(apply(c, "HEALTHCHECK CMD true").output()).isEmpty();
        assertThat(apply(c, "HEALTHCHECK CMD false").output())
                .containsExactly("Note: overriding previous HEALTHCHECK: [CMD-SHELL true]");
    }

    @Test
    void workdirIsRelativeToThePreviousAndCleaned() {
        StageConfig c = StageConfig.scratch();
        MetadataSteps.Applied a = apply(c, "WORKDIR /a/../b/");
        assertThat(a.makesDirectory()).isTrue();
        assertThat(c.workingDir()).isEqualTo("/b");
        apply(c, "WORKDIR c d");
        assertThat(c.workingDir()).isEqualTo("/b/c d");
    }
}
