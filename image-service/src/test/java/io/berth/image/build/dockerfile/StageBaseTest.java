package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageBaseTest {
    private static final ShellLex LEX = ShellLex.of('\\');

    private static List<Stage> stages(String text) {
        return Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8)).stages();
    }

    @Test
    void aFromNamesScratchAnEarlierStageOrAnImage() {
        List<Stage> s = stages("FROM scratch AS base\nFROM BASE\nFROM ${IMG}:1.36 AS x\nFROM later\nFROM scratch AS later\n");
        assertThat(StageBase.resolve(s.get(0), s, Map.of(), LEX, "")).isEqualTo(new StageBase.Scratch());
        assertThat(StageBase.resolve(s.get(1), s, Map.of(), LEX, "")).isEqualTo(new StageBase.FromStage(0));
        assertThat(StageBase.resolve(s.get(2), s, Map.of("IMG", "busybox"), LEX, ""))
                .isEqualTo(new StageBase.FromImage("busybox:1.36"));
        assertThat(StageBase.resolve(s.get(3), s, Map.of(), LEX, "")).isEqualTo(new StageBase.FromImage("later"));
    }

    @Test
    void aBlankBaseAndOtherPlatformsAreRefused() {
        List<Stage> s = stages("FROM ${NOTHING}\nFROM --platform=$P scratch\n");
        assertThatThrownBy(() -> StageBase.resolve(s.get(0), s, Map.of(), LEX, ""))
                .hasMessage("base name (${NOTHING}) should not be blank");
        assertThat(StageBase.resolve(s.get(1), s, Map.of("P", "linux/amd64"), LEX, ""))
                .isEqualTo(new StageBase.Scratch());
        assertThatThrownBy(() -> StageBase.resolve(s.get(1), s, Map.of("P", "linux/arm64"), LEX, ""))
                .hasMessage("platform linux/arm64 is not supported: Berth builds for linux/amd64 only");
        assertThatThrownBy(() -> StageBase.resolve(s.get(0), s, Map.of("NOTHING", "x"), LEX, "windows/amd64"))
                .hasMessageStartingWith("platform windows/amd64 is not supported");
    }
}
