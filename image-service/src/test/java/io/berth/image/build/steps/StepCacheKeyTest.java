package io.berth.image.build.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.ShellLex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepCacheKeyTest {
    private static final String PARENT = "sha256:" + "a".repeat(64);
    private static final List<String> CMD = List.of("/bin/sh", "-c", "make");

    private static StageConfig config(String... lines) {
        StageConfig c = StageConfig.scratch();
        BuildArgs args = BuildArgs.of(Map.of());
        args.beginStage();
        String text = "FROM scratch\n" + String.join("\n", lines) + "\n";
        if (lines.length > 0) {
            Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8)).stages().getFirst().instructions()
                    .forEach(i -> MetadataSteps.apply(c, i, ShellLex.of('\\'), args, s -> { }));
        }
        return c;
    }

    @Test
    void theSameStepOnTheSameParentHasTheSameKey() {
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1"), CMD))
                .isEqualTo(StepCacheKey.of("t1", PARENT, config("ENV A=1"), CMD));
        assertThat(StepCacheKey.of("t1", PARENT, config(), CMD).digest()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void whatDockersCacheComparesChangesTheKey() {
        StepCacheKey base = StepCacheKey.of("t1", PARENT, config("ENV A=1"), CMD);
        assertThat(StepCacheKey.of("t2", PARENT, config("ENV A=1"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", "sha256:" + "b".repeat(64), config("ENV A=1"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=2"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1", "USER x"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1"), List.of("/bin/sh", "-c", "make all")))
                .isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1", "EXPOSE 80"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1", "ENTRYPOINT [\"x\"]"), CMD)).isNotEqualTo(base);
        assertThat(StepCacheKey.of("t1", PARENT, config("ENV A=1"), List.of("/bin/sh", "-c make"))).isNotEqualTo(
                StepCacheKey.of("t1", PARENT, config("ENV A=1"), List.of("/bin/sh -c", "make")));
    }

    @Test
    void setsAreSetsAndWhatDockerIgnoresIsIgnored() {
        assertThat(StepCacheKey.of("t", PARENT, config("LABEL a=1 b=2", "EXPOSE 80 443", "VOLUME /x /y"), CMD))
                .isEqualTo(StepCacheKey.of("t", PARENT, config("LABEL b=2 a=1", "EXPOSE 443 80", "VOLUME /y /x"), CMD));
        // Docker's image cache does not compare WORKDIR, HEALTHCHECK, STOPSIGNAL or SHELL: the parent differs anyway.
        assertThat(StepCacheKey.of("t", PARENT, config("WORKDIR /a", "STOPSIGNAL 9"), CMD))
                .isEqualTo(StepCacheKey.of("t", PARENT, config(), CMD));
        assertThat(StepCacheKey.of("t", PARENT, config("ENTRYPOINT [\"x\"]"), CMD, null))
                .isEqualTo(StepCacheKey.of("t", PARENT, config(), CMD, List.of()));
    }

    @Test
    void envOrderMatters() {
        assertThat(StepCacheKey.of("t", PARENT, config("ENV A=1", "ENV B=2"), CMD))
                .isNotEqualTo(StepCacheKey.of("t", PARENT, config("ENV B=2", "ENV A=1"), CMD));
    }
}
