package io.berth.image.build.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.api.BuildOptions;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.steps.StageConfig;
import io.berth.kit.errors.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a classic build decides and prints, over the reference's copy context ({@code build/copy-context.tar}) and an
 * in-memory stand-in for the image store and the nodes. The stream's shape is the reference engine's for the same
 * Dockerfiles, less the {@code Running in}/{@code Removing intermediate container} lines of metadata steps (Berth
 * makes no container for them).
 */
class ClassicBuildTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T05:00:00Z"), ZoneOffset.UTC);
    private static final Pattern STREAM = Pattern.compile("\\{\"stream\":\"(.*)\"}");

    @TempDir
    Path work;
    private BuildContext context;
    private InMemoryBackend backend;

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/build/copy-context.tar")) {
            context = BuildContext.read(in, work);
        }
        backend = new InMemoryBackend(work);
        backend.bases.put("busybox", new BuildBackend.BaseImage("sha256:" + "b".repeat(64),
                StageConfig.fromBase(null, null, List.of("PATH=/bin"), List.of("sh"), null, null, null, null,
                        List.of("RUN echo triggered"), null, null, null)));
    }

    @AfterEach
    void tearDown() throws IOException {
        context.close();
    }

    private static Map<String, List<String>> query(String... kv) {
        Map<String, List<String>> q = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return q;
    }

    /** Builds and returns the stream as lines of text ({@code aux} as {@code aux:<id>}), or the failure as its last line. */
    private List<String> build(String dockerfile, String... query) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ClassicBuild build = new ClassicBuild("tenant", BuildOptions.parse(query(query)), context, backend,
                m -> stream.writeBytes(m), work, CLOCK, true, s -> { });
        List<String> lines = new ArrayList<>();
        try {
            build.run(Dockerfile.parse("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)));
        } catch (BuildFailure f) {
            lines.add("ERROR(" + f.code() + "): " + f.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String json : stream.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = STREAM.matcher(json);
            if (m.matches()) {
                String text = m.group(1).replace("\\u003e", ">").replace("\\n", "\n").replace("\\\"", "\"");
                if (!text.equals("\n")) {
                    out.add(text.strip());
                }
            } else if (json.startsWith("{\"aux\"")) {
                out.add("aux");
            }
        }
        out.addAll(lines);
        return out;
    }

    @Test
    void aSingleStageBuildPrintsWhatDockerPrints() {
        List<String> lines = build("FROM scratch\nENV A=1\nCOPY a.txt /\nWORKDIR /app\nCMD [\"run\"]\n", "t", "app");
        String last = lines.get(9).substring("---> ".length());
        assertThat(lines).hasSize(13);
        assertThat(lines.subList(0, 3)).containsExactly("Step 1/5 : FROM scratch", "--->", "Step 2/5 : ENV A=1");
        assertThat(lines.get(3)).matches("---> [0-9a-f]{12}");
        assertThat(lines.subList(4, 13)).containsExactly("Step 3/5 : COPY a.txt /", lines.get(5),
                "Step 4/5 : WORKDIR /app", lines.get(7), "Step 5/5 : CMD [\"run\"]", "---> " + last, "aux",
                "Successfully built " + last, "Successfully tagged app:latest");
        assertThat(backend.commits).extracting(InMemoryBackend.Image::createdBy).containsExactly(
                "/bin/sh -c #(nop)  ENV A=1",
                "/bin/sh -c #(nop) COPY file:58334428482c4cbbca5ae180953ab0e8246069d983149e4f89d217a03594740f in / ",
                "/bin/sh -c #(nop) WORKDIR /app",
                "/bin/sh -c #(nop)  CMD [\"run\"]");
        assertThat(backend.commits).extracting(i -> i.layer() != null).containsExactly(false, true, true, false);
        assertThat(backend.tags).containsKey("app:latest");
    }

    @Test
    void aRebuildUsesTheCacheForEveryStepAndNocacheDoesNot() {
        String df = "FROM busybox\nARG V=1\nRUN echo $V\nCOPY dir /d/\n";
        List<String> first = build(df, "t", "x");
        assertThat(first).doesNotContain("---> Using cache");
        assertThat(backend.runs).containsExactly("/bin/sh -c echo triggered", "/bin/sh -c echo $V");
        List<String> second = build(df, "t", "x");
        assertThat(second.stream().filter(l -> l.equals("---> Using cache")).count()).isEqualTo(4);
        assertThat(second.getLast()).isEqualTo(first.getLast());
        assertThat(backend.runs).hasSize(2); // the trigger ran once, on the first build; then all from the cache
        List<String> changedArg = build(df, "buildargs", "{\"V\":\"2\"}");
        assertThat(changedArg.stream().filter(l -> l.equals("---> Using cache")).count()).isEqualTo(2);
        assertThat(build(df, "nocache", "1")).doesNotContain("---> Using cache");
    }

    @Test
    void aBaseImagesTriggersRunFirst() {
        List<String> lines = build("FROM busybox\nENV A=1\n");
        assertThat(lines.subList(0, 3)).containsExactly("Step 1/2 : FROM busybox", "# Executing 1 build trigger",
                lines.get(2));
        assertThat(backend.runs).containsExactly("/bin/sh -c echo triggered");
        assertThat(backend.commits.getFirst().config().onBuild()).isEmpty();
    }

    @Test
    void multiStageCopiesFromAStageAndSkipsWhatTheTargetDoesNotNeed() {
        String df = """
                FROM scratch AS files
                COPY dir /src/
                FROM scratch AS unused
                COPY missing /x
                FROM scratch AS final
                COPY --from=files /src/sub/c.txt /c.txt
                LABEL stage=final
                """;
        List<String> lines = build(df, "labels", "{\"by\":\"test\"}");
        assertThat(lines).filteredOn(l -> l.startsWith("Step ")).containsExactly(
                "Step 1/6 : FROM scratch AS files", "Step 2/6 : COPY dir /src/", "Step 3/6 : FROM scratch AS final",
                "Step 4/6 : COPY --from=files /src/sub/c.txt /c.txt", "Step 5/6 : LABEL stage=final",
                "Step 6/6 : LABEL by=test");
        assertThat(lines.stream().filter(l -> l.equals("aux")).count()).isEqualTo(2);
        // The checksum covers the file's header, its name in the stage included: not the context's checksum.
        assertThat(backend.commits.get(1).createdBy()).matches("/bin/sh -c #\\(nop\\) COPY file:[0-9a-f]{64} in /c.txt ");
        assertThat(backend.commits.getLast().config().labels()).containsEntry("stage", "final").containsEntry("by", "test");
        assertThat(build(df, "target", "files")).filteredOn(l -> l.startsWith("Step ")).hasSize(2);
    }

    @Test
    void aFailingStepEndsTheBuildInDockersWords() {
        List<String> lines = build("FROM busybox\nRUN echo before; exit 3\nENV never=1\n", "t", "broken");
        assertThat(lines.getLast()).isEqualTo(
                "ERROR(3): The command '/bin/sh -c echo before; exit 3' returned a non-zero code: 3");
        assertThat(lines).noneMatch(l -> l.startsWith("Step 3/3"));
        assertThat(backend.tags).doesNotContainKey("broken:latest");
        assertThat(build("FROM scratch\nCOPY missing /x\n").getLast()).isEqualTo("ERROR(0): COPY failed: file not"
                + " found in build context or excluded by .dockerignore: stat missing: file does not exist");
        assertThat(build("FROM scratch\nCOPY --from=1 a /b\n").getLast())
                .isEqualTo("ERROR(0): invalid from flag value 1: index out of bounds");
        assertThat(build("FROM scratch\nENV A=${B:?required}\n").getLast())
                .isEqualTo("ERROR(0): failed to process \"${B:?required}\": B: required");
        assertThat(build("ARG ONLY=1\n").getLast())
                .isEqualTo("ERROR(0): No image was generated. Is your Dockerfile empty?");
    }

    @Test
    void badInputBeforeTheFirstStepIsA400() {
        assertThatThrownBy(() -> build("FROM scratch\n", "target", "nope"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("failed to reach build target nope in Dockerfile");
    }

    @Test
    void unusedBuildArgsAreWarnedAboutBeforeSuccess() {
        List<String> lines = build("FROM scratch\nENV A=1\n", "buildargs", "{\"unused\":\"1\"}");
        int warning = lines.indexOf("[Warning] One or more build-args [unused] were not consumed");
        assertThat(warning).isGreaterThan(lines.indexOf("aux"));
        assertThat(lines.get(warning + 1)).startsWith("Successfully built");
    }
}
