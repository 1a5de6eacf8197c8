package io.berth.e2e;

import static io.berth.e2e.Berth.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker build} with the real docker CLI and the classic builder ({@code DOCKER_BUILDKIT=0}, as the CLI on
 * these machines has no buildx): Docker's step output, the built image runs, a rebuild is cached step by step, a
 * changed source rebuilds from its COPY, multi-stage builds with {@code --from} and {@code --target},
 * {@code .dockerignore}, {@code -q}, and failures with Docker's words and a non-zero exit.
 */
@ExtendWith(Berth.class)
class BuildsIT {
    private static final Duration BUILD = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code docker build} with the classic builder, in {@code dir}. */
    private static Command.Result build(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "build"));
        command.addAll(List.of(args));
        command.add(dir.toString());
        return Command.run(Map.of("DOCKER_HOST", Berth.GATEWAY, "DOCKER_BUILDKIT", "0"), BUILD, command);
    }

    private Path context(String... files) {
        Path dir = temp.resolve("ctx-" + unique());
        try {
            for (int i = 0; i < files.length; i += 2) {
                Path file = dir.resolve(files[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, files[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @Test
    void aBuildShowsDockersStepsRunsIsCachedAndRebuildsFromAChangedCopy() throws IOException {
        String tag = "e2e/built-" + unique() + ":1";
        Path dir = context("Dockerfile", """
                FROM busybox
                WORKDIR /app
                COPY hello.txt .
                ENV GREETING=hi
                EXPOSE 5000
                CMD ["cat", "/app/hello.txt"]
                """, "hello.txt", "hello from a build\n");

        Command.Result first = build(dir, "-t", tag);
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.stdout()).contains("Step 1/6 : FROM busybox", "Step 3/6 : COPY hello.txt .",
                "Step 6/6 : CMD [\"cat\", \"/app/hello.txt\"]", "Successfully built ", "Successfully tagged " + tag);
        assertThat(first.stdout()).doesNotContain("Using cache");

        Command.Result run = docker("run", "--rm", tag);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("hello from a build\n");
        Command.Result inspect = docker("image", "inspect", "--format",
                "{{.Config.WorkingDir}} {{json .Config.Env}} {{json .Config.ExposedPorts}} {{len .RootFS.Layers}}", tag);
        assertThat(inspect.stdout().strip()).isEqualTo("/app [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                + "/sbin:/bin\",\"GREETING=hi\"] {\"5000/tcp\":{}} 3");
        Command.Result history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag);
        assertThat(history.stdout().lines().limit(5)).containsExactly("/bin/sh -c #(nop)  CMD [\"cat\" \"/app/hello.txt\"]",
                "/bin/sh -c #(nop)  EXPOSE 5000", "/bin/sh -c #(nop)  ENV GREETING=hi",
                history.stdout().lines().skip(3).findFirst().orElseThrow(), "/bin/sh -c #(nop) WORKDIR /app");
        assertThat(history.stdout().lines().skip(3).findFirst().orElseThrow()).matches(
                "/bin/sh -c #\\(nop\\) COPY file:[0-9a-f]{64} in \\. ");

        Command.Result again = build(dir, "-t", tag);
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.stdout().lines().filter(l -> l.equals(" ---> Using cache"))).hasSize(5);
        String id = docker("image", "inspect", "--format", "{{.Id}}", tag).stdout().strip();
        assertThat(again.stdout()).contains("Successfully built " + id.substring(7, 19));

        Files.writeString(dir.resolve("hello.txt"), "changed\n");
        Command.Result changed = build(dir, "-t", tag);
        assertThat(changed.exitCode()).as("%s", changed).isZero();
        assertThat(changed.stdout().lines().filter(l -> l.equals(" ---> Using cache"))).hasSize(1);
        assertThat(docker("run", "--rm", tag).stdout()).isEqualTo("changed\n");
    }

    @Test
    void aMultiStageBuildCopiesIntoScratchAndTargetStopsAtAStage() {
        String tag = "e2e/multi-" + unique();
        Path dir = context("Dockerfile", """
                FROM busybox AS tools
                COPY src/ /src/
                FROM busybox AS unused
                COPY never.txt /never
                FROM scratch
                COPY --from=tools /bin/busybox /bin/busybox
                COPY --from=tools /src/message.txt /message.txt
                ENTRYPOINT ["/bin/busybox"]
                CMD ["cat", "/message.txt"]
                """, "src/message.txt", "small and static\n", "never.txt", "x", ".dockerignore", "**/*.md\n", "src/notes.md", "no");

        Command.Result built = build(dir, "-q", "-t", tag);
        assertThat(built.exitCode()).as("%s", built).isZero();
        assertThat(built.stdout()).matches("sha256:[0-9a-f]{64}\n");
        assertThat(built.stdout().strip()).isEqualTo(docker("image", "inspect", "--format", "{{.Id}}", tag).stdout().strip());
        Command.Result run = docker("run", "--rm", tag);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("small and static\n");
        assertThat(docker("image", "inspect", "--format", "{{len .RootFS.Layers}}", tag).stdout().strip()).isEqualTo("2");

        Command.Result target = build(dir, "--target", "tools", "-t", tag + "-tools");
        assertThat(target.exitCode()).as("%s", target).isZero();
        assertThat(target.stdout()).contains("Step 2/2 : COPY src/ /src/").doesNotContain("never.txt");
        Command.Result ls = docker("run", "--rm", tag + "-tools", "ls", "/src");
        assertThat(ls.stdout()).as(".dockerignore keeps notes.md out").isEqualTo("message.txt\n");
    }

    @Test
    void runStepsRunInAContainerAndTheirChangeIsTheLayer() {
        String tag = "e2e/run-" + unique();
        Path dir = context("Dockerfile", """
                FROM busybox
                ARG WHO=builder
                RUN echo built by $WHO > /built.txt && echo to stderr >&2
                RUN rm /etc/group && mkdir -p /data/sub && echo x > /data/f && ln /data/f /data/hard \\
                    && chown 65534:65534 /data/f && rm -r /var
                USER nobody
                RUN id -u
                USER 0
                COPY app.txt /app.txt
                CMD ["sh", "-c", "cat /built.txt; ls /etc/group /var 2>&1; stat -c '%u %h' /data/f"]
                """, "app.txt", "app\n");

        Command.Result built = build(dir, "--build-arg", "WHO=e2e", "-t", tag);
        assertThat(built.exitCode()).as("%s", built).isZero();
        // The CLI prints the whole stream, the steps' standard error (in red) too, on its standard output.
        assertThat(built.stdout()).contains(" ---> Running in ", "Removing intermediate container ", "65534", "to stderr");
        Command.Result run = docker("run", "--rm", tag);
        assertThat(run.stdout()).contains("built by e2e", "ls: /etc/group: No such file or directory",
                "ls: /var: No such file or directory", "65534 2");
        Command.Result history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag);
        assertThat(history.stdout()).contains("|1 WHO=e2e /bin/sh -c echo built by $WHO > /built.txt && echo to stderr >&2");

        Command.Result again = build(dir, "--build-arg", "WHO=e2e", "-t", tag);
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.stdout()).doesNotContain("Running in");
        assertThat(again.stdout().lines().filter(l -> l.equals(" ---> Using cache"))).hasSize(8);
    }

    @Test
    void failuresSayWhyInDockersWordsAndTheCliExitsNonZero() {
        Path failing = context("Dockerfile", "FROM busybox\nRUN echo before && exit 3\n");
        Command.Result run = build(failing, "-t", "e2e/failing-" + unique());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.stdout()).contains("before");
        assertThat(run.stderr()).contains("The command '/bin/sh -c echo before && exit 3' returned a non-zero code: 3");

        Path missing = context("Dockerfile", "FROM busybox\nCOPY nothere.txt /x\n");
        Command.Result copy = build(missing, "-t", "e2e/missing-" + unique());
        assertThat(copy.exitCode()).as("%s", copy).isEqualTo(1);
        assertThat(copy.stderr()).contains("COPY failed: file not found in build context or excluded by .dockerignore: "
                + "stat nothere.txt: file does not exist");

        Path unknown = context("Dockerfile", "FROM busybox\nFOO bar\n");
        Command.Result parse = build(unknown);
        assertThat(parse.exitCode()).isEqualTo(1);
        assertThat(parse.stderr()).contains("dockerfile parse error line 2: unknown instruction: FOO");

        Path noBase = context("Dockerfile", "FROM 127.0.0.1:1/nothing\n");
        Command.Result base = build(noBase);
        assertThat(base.exitCode()).isEqualTo(1);
        assertThat(base.stderr()).contains("127.0.0.1:1");

        Command.Result next = build(context("Dockerfile", "FROM busybox\nLABEL ok=yes\n"), "-q");
        assertThat(next.exitCode()).as("the next build is unaffected: %s", next).isZero();
    }

    @Test
    void anImageWhoseUserIsANameRunsAsThatUser() {
        String tag = "e2e/named-user-" + unique();
        Path dir = context("Dockerfile", """
                FROM busybox
                RUN mkdir -p /etc /home/app && echo "app:x:1000:1000::/home/app:/bin/sh" >> /etc/passwd \\
                    && echo "app:x:1000:" >> /etc/group && echo "staff:x:50:" >> /etc/group && chown 1000:1000 /home/app
                USER app
                RUN id -u > /home/app/uid
                """);
        Command.Result built = build(dir, "-t", tag);
        assertThat(built.exitCode()).as("%s", built).isZero();

        Command.Result run = docker("run", "--rm", tag, "sh", "-c", "id -u; id -g; cat /home/app/uid");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("1000\n1000\n1000\n");
        Command.Result group = docker("run", "--rm", "--user", "app:staff", tag, "id", "-g");
        assertThat(group.stdout()).as("%s", group).isEqualTo("50\n");

        Command.Result missing = docker("run", "--rm", "--user", "nosuch", tag, "true");
        assertThat(missing.exitCode()).isEqualTo(125);
        assertThat(missing.stderr()).contains("unable to find user nosuch: no matching entries in passwd file");
        Command.Result missingGroup = docker("run", "--rm", "--user", "0:nogroup", tag, "true");
        assertThat(missingGroup.stderr()).contains("unable to find group nogroup: no matching entries in group file");
    }

    @Test
    void historyShowsEachStepsImageAndSystemDfTheBuildCache() {
        String tag = "e2e/history-" + unique();
        Path dir = context("Dockerfile", """
                FROM busybox
                RUN echo one > /one
                ENV STEP=two
                COPY three.txt /three.txt
                """, "three.txt", "3\\n");
        Command.Result built = build(dir, "-t", tag);
        assertThat(built.exitCode()).as("%s", built).isZero();
        List<String> stepIds = built.stdout().lines().filter(line -> line.startsWith(" ---> ") && !line.contains(" "
                + "Running in") && !line.contains("Using cache")).map(line -> line.substring(6).strip()).toList();

        Command.Result history = docker("history", "--format", "{{.ID}}", tag);
        List<String> ids = history.stdout().lines().toList();
        String busybox = docker("image", "inspect", "--format", "{{.Id}}", "busybox").stdout().strip().substring(7, 19);
        // As dockerd: each step's line carries its image's id, newest first, down to the base image's.
        assertThat(stepIds).as("%s", built).hasSize(4);
        assertThat(ids).as("%s", history).containsExactly(stepIds.get(3), stepIds.get(2), stepIds.get(1), busybox);

        Command.Result df = docker("system", "df", "--format", "{{.Type}} {{.TotalCount}}");
        String cacheLine = df.stdout().lines().filter(line -> line.startsWith("Build Cache")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(cacheLine.substring("Build Cache ".length()))).isGreaterThanOrEqualTo(3);
        Command.Result verbose = docker("system", "df", "-v");
        assertThat(verbose.stdout()).contains("Build cache usage:").contains("regular");
    }
}
