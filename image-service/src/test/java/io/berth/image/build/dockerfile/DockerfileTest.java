package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Dockerfile language; expected error texts were taken from Docker Engine 20.10's classic builder. */
class DockerfileTest {

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Instruction> steps(String text) {
        return parse(text).stages().getFirst().instructions();
    }

    private static Instruction only(String line) {
        return steps("FROM scratch\n" + line).getFirst();
    }

    @Test
    void everyInstructionIsTyped() {
        Dockerfile df = parse("""
                # comment
                ARG BASE=busybox
                FROM --platform=linux/amd64 ${BASE} AS Build
                RUN echo hi && \\
                    echo there
                RUN ["/bin/echo", "exec"]
                CMD ["python3", "app.py"]
                ENTRYPOINT /bin/sh
                ENV A=1 B="two words"
                ENV OLD old style value
                LABEL version=1.0 "com.example.x"="y z"
                ARG V W=2
                EXPOSE 8080 443/tcp
                WORKDIR /app
                USER nobody:nogroup
                VOLUME ["/data", "/logs"]
                VOLUME /a /b
                COPY --from=0 --chown=1:2 --chmod=644 a b /dst/
                ADD --chown=app x.tar /
                HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --retries=3 CMD curl -f localhost
                STOPSIGNAL SIGINT
                SHELL ["/bin/bash", "-c"]
                ONBUILD RUN make
                MAINTAINER someone <a@b>
                FROM build
                """);
        assertThat(df.metaArgs()).singleElement().satisfies(a ->
                assertThat(a.args()).containsExactly(new Instruction.ArgSpec("BASE", "busybox")));
        assertThat(df.stages()).hasSize(2);
        Stage stage = df.stages().getFirst();
        assertThat(stage.from()).isEqualTo(new Instruction.From("${BASE}", "build", "linux/amd64",
                "FROM --platform=linux/amd64 ${BASE} AS Build", 3));
        List<Instruction> s = stage.instructions();
        assertThat(s.get(0)).isEqualTo(new Instruction.Run(List.of("echo hi &&     echo there"), true, List.of(),
                List.of(), "RUN echo hi &&     echo there", 4));
        assertThat(s.get(1)).isEqualTo(new Instruction.Run(List.of("/bin/echo", "exec"), false, List.of(), List.of(),
                "RUN [\"/bin/echo\", \"exec\"]", 6));
        assertThat(s.get(2)).isEqualTo(new Instruction.Cmd(List.of("python3", "app.py"), false,
                "CMD [\"python3\", \"app.py\"]", 7));
        assertThat(s.get(3)).isEqualTo(new Instruction.Entrypoint(List.of("/bin/sh"), true, "ENTRYPOINT /bin/sh", 8));
        assertThat(((Instruction.Env) s.get(4)).pairs()).containsExactly(
                new Instruction.KeyValue("A", "1"), new Instruction.KeyValue("B", "\"two words\""));
        assertThat(((Instruction.Env) s.get(5)).pairs()).containsExactly(
                new Instruction.KeyValue("OLD", "old style value"));
        assertThat(((Instruction.Label) s.get(6)).pairs()).containsExactly(
                new Instruction.KeyValue("version", "1.0"), new Instruction.KeyValue("\"com.example.x\"", "\"y z\""));
        assertThat(((Instruction.Arg) s.get(7)).args()).containsExactly(
                new Instruction.ArgSpec("V", null), new Instruction.ArgSpec("W", "2"));
        assertThat(((Instruction.Expose) s.get(8)).ports()).containsExactly("443/tcp", "8080");
        assertThat(((Instruction.Workdir) s.get(9)).path()).isEqualTo("/app");
        assertThat(((Instruction.User) s.get(10)).user()).isEqualTo("nobody:nogroup");
        assertThat(((Instruction.Volume) s.get(11)).volumes()).containsExactly("/data", "/logs");
        assertThat(((Instruction.Volume) s.get(12)).volumes()).containsExactly("/a", "/b");
        assertThat(s.get(13)).isEqualTo(new Instruction.Copy(List.of("a", "b"), "/dst/", List.of(), "0", "1:2", "644",
                false, "COPY --from=0 --chown=1:2 --chmod=644 a b /dst/", 18));
        assertThat(s.get(14)).isEqualTo(new Instruction.Add(List.of("x.tar"), "/", List.of(), "app", "", false,
                "ADD --chown=app x.tar /", 19));
        assertThat(((Instruction.Healthcheck) s.get(15)).health()).isEqualTo(new HealthConfig(
                List.of("CMD-SHELL", "curl -f localhost"), Duration.ofSeconds(30), Duration.ofSeconds(90),
                Duration.ofSeconds(5), 3));
        assertThat(((Instruction.StopSignal) s.get(16)).signal()).isEqualTo("SIGINT");
        assertThat(((Instruction.Shell) s.get(17)).shell()).containsExactly("/bin/bash", "-c");
        assertThat(((Instruction.Onbuild) s.get(18)).expression()).isEqualTo("RUN make");
        assertThat(((Instruction.Maintainer) s.get(19)).maintainer()).isEqualTo("someone <a@b>");
        assertThat(df.stages().get(1).index()).isEqualTo(1);
        assertThat(df.stages().get(1).from().baseName()).isEqualTo("build");
    }

    @Test
    void commentsAndBlankLinesInsideAContinuationAreSkipped() {
        Dockerfile df = parse("FROM scratch\nRUN a \\\n# inside\n  b \\\n\n  c\n");
        assertThat(((Instruction.Run) df.stages().getFirst().instructions().getFirst()).cmdLine())
                .containsExactly("a   b   c");
        assertThat(df.warnings()).containsExactly(
                "[WARNING]: Empty continuation line found in:\n    RUN a   b   c",
                "[WARNING]: Empty continuation lines will become errors in a future release.");
    }

    @Test
    void theEscapeDirectiveChangesContinuationAndEscapes() {
        Dockerfile df = parse("# escape=`\nFROM scratch\nRUN dir C:\\ `\n  /w\nCOPY a` b c:\\dst\n");
        assertThat(df.escapeToken()).isEqualTo('`');
        List<Instruction> s = df.stages().getFirst().instructions();
        assertThat(((Instruction.Run) s.get(0)).cmdLine()).containsExactly("dir C:\\   /w");
        assertThat(((Instruction.Copy) s.get(1)).sources()).containsExactly("a`", "b");
    }

    @Test
    void directivesCountOnlyBeforeAnythingElse() {
        Dockerfile df = parse("# syntax=docker/dockerfile:1\n# Escape = `\n\n# escape=\\\nFROM scratch\n");
        assertThat(df.escapeToken()).isEqualTo('`');
        assertThat(df.warnings()).singleElement().asString().contains("docker/dockerfile:1").contains("ignored");
        assertThat(parse("FROM scratch\n# escape=`\n").escapeToken()).isEqualTo('\\');
    }

    @Test
    void aByteOrderMarkAndCarriageReturnsAreIgnored() {
        Dockerfile df = parse("\uFEFFFROM scratch\r\nUSER me\r\n");
        assertThat(((Instruction.User) df.stages().getFirst().instructions().getFirst()).user()).isEqualTo("me");
    }

    @Test
    void runHeredocsKeepTheirBodyAndLineNumbers() {
        List<Instruction> s = steps("""
                FROM scratch
                RUN <<EOF
                echo one
                echo two
                EOF
                RUN python3 <<-"PY" > out
                \tprint("$HOME")
                \tPY
                USER after
                """);
        Instruction.Run first = (Instruction.Run) s.get(0);
        assertThat(first.cmdLine()).containsExactly("<<EOF");
        assertThat(first.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo one\necho two\n"));
        assertThat(first.line()).isEqualTo(2);
        Instruction.Run second = (Instruction.Run) s.get(1);
        Heredoc py = second.heredocs().getFirst();
        assertThat(py.name()).isEqualTo("PY");
        assertThat(py.expand()).isFalse();
        assertThat(py.chomp()).isTrue();
        assertThat(py.effectiveContent()).isEqualTo("print(\"$HOME\")\n");
        assertThat(((Instruction.User) s.get(2)).line()).isEqualTo(9);
    }

    @Test
    void copyTakesSeveralHeredocsAsFiles() {
        Instruction.Copy copy = (Instruction.Copy) only("COPY <<one <<'two' plain /dst/\nfirst $X\none\nsecond\ntwo");
        assertThat(copy.sources()).containsExactly("plain");
        assertThat(copy.inline()).extracting(Heredoc::name, Heredoc::content, Heredoc::expand).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one", "first $X\n", true),
                org.assertj.core.groups.Tuple.tuple("two", "second\n", false));
        assertThat(copy.dest()).isEqualTo("/dst/");
    }

    @Test
    void heredocsOnlyWhereTheyMayBe() {
        assertThat(((Instruction.Run) only("RUN [\"sh\", \"<<EOF\"]")).heredocs()).isEmpty();
        assertThat(((Instruction.Cmd) only("CMD cat <<EOF")).cmdLine()).containsExactly("cat <<EOF");
        assertThat(((Instruction.Run) only("RUN echo 'a<<b'")).heredocs()).isEmpty();
    }

    @Test
    void jsonFormOnlyForArraysOfStrings() {
        assertThat(((Instruction.Cmd) only("CMD [\"a\", \"b c\"] trailing")).cmdLine()).containsExactly("a", "b c");
        assertThat(((Instruction.Cmd) only("CMD [not json]")).cmdLine()).containsExactly("[not json]");
        assertThat(((Instruction.Cmd) only("CMD []")).cmdLine()).isEmpty();
        assertThat(((Instruction.Entrypoint) only("ENTRYPOINT []")).cmdLine()).isNull();
        assertThat(((Instruction.Copy) only("COPY [\"a b\", \"/c\"]")).sources()).containsExactly("a b");
    }

    @Test
    void healthcheckNoneAndDefaults() {
        assertThat(((Instruction.Healthcheck) only("HEALTHCHECK NONE")).health().test()).containsExactly("NONE");
        HealthConfig exec = ((Instruction.Healthcheck) only("HEALTHCHECK CMD [\"/bin/check\", \"-q\"]")).health();
        assertThat(exec.test()).containsExactly("CMD", "/bin/check", "-q");
        assertThat(exec.interval()).isZero();
        assertThat(exec.retries()).isZero();
        assertThat(((Instruction.Healthcheck) only("HEALTHCHECK --interval=1.5h CMD x")).health().interval())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void workdirAndUserTakeTheWholeRestOfTheLine() {
        assertThat(((Instruction.Workdir) only("WORKDIR a b")).path()).isEqualTo("a b");
    }

    @Test
    void runFlagsParseForTheirRefusalLater() {
        assertThat(((Instruction.Run) only("RUN --mount=type=cache,target=/x true")).flagsUsed())
                .containsExactly("mount");
        assertThat(((Instruction.Copy) only("COPY --link a /b")).link()).isTrue();
    }

    @Test
    void onbuildTriggersAreReadWhenTheyFire() {
        assertThat(Dockerfile.trigger("RUN make install")).isInstanceOf(Instruction.Run.class);
        assertThatThrownBy(() -> Dockerfile.trigger("BOGUS x")).hasMessage("unknown instruction: BOGUS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            "FROM scratch\\nFOO bar|dockerfile parse error line 2: unknown instruction: FOO",
            "FROM scratch\\nRUN true\\nRUN \\\\n  ok\\nbogus|dockerfile parse error line 5: unknown instruction: BOGUS",
            "FROM scratch a|dockerfile parse error line 1: FROM requires either one or three arguments",
            "FROM scratch AS 1a|dockerfile parse error line 1: invalid name for build stage: \"1a\", name can't start with a number or contain symbols",
            "FROM --foo=x scratch|dockerfile parse error line 1: Unknown flag: foo",
            "FROM scratch\\nCOPY x|dockerfile parse error line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined",
            "FROM scratch\\nCOPY --from=a --from=b x y|dockerfile parse error line 2: Duplicate flag specified: from",
            "FROM scratch\\nCOPY --from x y|dockerfile parse error line 2: Missing a value on flag: from",
            "FROM scratch\\nCOPY --link=maybe x y|dockerfile parse error line 2: Expecting boolean value for flag link, not: maybe",
            "FROM scratch\\nADD --from=a x y|dockerfile parse error line 2: Unknown flag: from",
            "FROM scratch\\nRUN --foo=1 x|dockerfile parse error line 2: Unknown flag: foo",
            "FROM scratch\\nSHELL /bin/sh -c|dockerfile parse error line 2: SHELL requires the arguments to be in JSON form",
            "FROM scratch\\nHEALTHCHECK NONE x|dockerfile parse error line 2: HEALTHCHECK NONE takes no arguments",
            "FROM scratch\\nHEALTHCHECK FOO x|dockerfile parse error line 2: Unknown type \"FOO\" in HEALTHCHECK (try CMD)",
            "FROM scratch\\nHEALTHCHECK CMD|dockerfile parse error line 2: Missing command after HEALTHCHECK CMD",
            "FROM scratch\\nHEALTHCHECK --retries=0 CMD x|dockerfile parse error line 2: --retries must be at least 1 (not 0)",
            "FROM scratch\\nHEALTHCHECK --interval=10 CMD x|dockerfile parse error line 2: time: missing unit in duration \"10\"",
            "FROM scratch\\nHEALTHCHECK --timeout=1ns CMD x|dockerfile parse error line 2: Interval \"timeout\" cannot be less than 1ms",
            "FROM scratch\\nONBUILD ONBUILD RUN x|dockerfile parse error line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
            "FROM scratch\\nONBUILD FROM x|dockerfile parse error line 2: FROM isn't allowed as an ONBUILD trigger",
            "FROM scratch\\nWORKDIR|dockerfile parse error line 2: WORKDIR requires exactly one argument",
            "FROM scratch\\nEXPOSE|dockerfile parse error line 2: EXPOSE requires at least one argument",
            "FROM scratch\\nENV|dockerfile parse error line 2: ENV requires at least one argument",
            "FROM scratch\\nARG =x|dockerfile parse error line 2: ARG names can not be blank",
            "FROM scratch\\nCOPY <<EOF <<EOF2\\nx\\nEOF\\nEOF2|dockerfile parse error line 2: COPY cannot accept a heredoc as a destination",
            "ENV A=1\\nFROM scratch|no build stage in current context",
            "FROM scratch\\nCMD [\"a\", 1]|failed to parse Dockerfile: when using JSON array syntax, arrays must be comprised of strings only",
            "FROM scratch\\nENV A|failed to parse Dockerfile: ENV must have two arguments",
            "FROM scratch\\nLABEL A|failed to parse Dockerfile: LABEL must have two arguments",
            "FROM scratch\\nENV a=1 b|failed to parse Dockerfile: Syntax error - can't find = in \"b\". Must be of the form: name=value",
            "# escape=x\\nFROM scratch|failed to parse Dockerfile: invalid escape token 'x' does not match ` or \\",
            "# escape=`\\n# escape=`\\nFROM scratch|failed to parse Dockerfile: only one escape parser directive can be used",
            "FROM scratch\\nRUN <<EOF\\necho|failed to parse Dockerfile: unterminated heredoc",
            "# just a comment|failed to parse Dockerfile: file with no instructions",
    })
    void badDockerfilesGetDockersWords(String text, String message) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage(message.replace("\\\\", "\\"));
    }

    @Test
    void anEmptyDockerfileIsNamed() {
        assertThatThrownBy(() -> Dockerfile.parse("dev.Dockerfile", new byte[0]))
                .hasMessage("the Dockerfile (dev.Dockerfile) cannot be empty");
    }
}
