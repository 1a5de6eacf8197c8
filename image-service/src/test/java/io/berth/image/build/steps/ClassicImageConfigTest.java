package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.ShellLex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image config of a build, against the one Docker Engine 20.10 stored for the same Dockerfile
 * ({@code build/reference-meta-config.json}: {@code MetadataStepsTest}'s Dockerfile, built with
 * {@code --build-arg V=9}). What depends on time, ids and containers (times, the parent id, the step container, the
 * daemon version, the layer diff ids) is taken from the reference; everything else must come out byte for byte.
 */
class ClassicImageConfigTest {

    @Test
    void theConfigIsDockersByteForByte() throws IOException {
        byte[] reference;
        try (InputStream in = getClass().getResourceAsStream("/build/reference-meta-config.json")) {
            reference = in.readAllBytes();
        }
        JsonNode ref = new ObjectMapper().readTree(reference);

        StageConfig c = StageConfig.scratch();
        BuildArgs args = BuildArgs.of(Map.of("V", "9"));
        args.beginStage();
        List<ClassicImageConfig.History> history = new ArrayList<>();
        List<String> lastCmd = null;
        int i = 0;
        List<Instruction> steps = Dockerfile.parse("Dockerfile",
                MetadataStepsTest.DOCKERFILE.getBytes(StandardCharsets.UTF_8)).stages().getFirst().instructions();
        for (Instruction step : steps) {
            MetadataSteps.Applied applied = MetadataSteps.apply(c, step, ShellLex.of('\\'), args, s -> { });
            JsonNode h = ref.get("history").get(i++);
            history.add(new ClassicImageConfig.History(Instant.parse(h.get("created").asText()), c.author(),
                    applied.createdBy(), null, !applied.makesDirectory()));
            lastCmd = applied.containerCmd();
        }
        List<String> diffIds = new ArrayList<>();
        ref.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));

        byte[] ours = ClassicImageConfig.write(c, ref.get("config").get("Image").asText(), lastCmd,
                Instant.parse(ref.get("created").asText()), ref.get("docker_version").asText(), history, diffIds);

        // Berth makes no step container: no "container", and an empty Hostname in container_config.
        String expected = new String(reference, StandardCharsets.UTF_8)
                .replaceFirst(",\"container\":\"[0-9a-f]{64}\"", "")
                .replaceFirst("(\"container_config\":\\{\"Hostname\":)\"[0-9a-f]{12}\"", "$1\"\"");
        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void timesAreGosRfc3339Nano() {
        assertThat(ClassicImageConfig.time(Instant.parse("2026-12-01T05:26:05.783170877Z")))
                .isEqualTo("2026-12-01T05:26:05.783170877Z");
        assertThat(ClassicImageConfig.time(Instant.parse("2026-12-01T05:26:05.780Z"))).isEqualTo("2026-12-01T05:26:05.78Z");
        assertThat(ClassicImageConfig.time(Instant.parse("2026-12-01T05:26:05Z"))).isEqualTo("2026-12-01T05:26:05Z");
    }
}
