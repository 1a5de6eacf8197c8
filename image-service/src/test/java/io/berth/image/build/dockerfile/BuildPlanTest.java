package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildPlanTest {
    private static final String MULTI = """
            ARG GO=builder
            FROM scratch AS base
            ENV A=1
            FROM base AS builder
            RUN make
            FROM scratch AS unused
            RUN false
            FROM scratch AS assets
            COPY x /x
            FROM ${GO} AS final-stage
            COPY --from=assets /x /x
            COPY --from=0 /y /y
            CMD ["app"]
            """;

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(BuildPlan plan) {
        return plan.stages().stream().map(Stage::name).toList();
    }

    @Test
    void onlyTheStagesTheTargetNeedsRun() {
        BuildPlan plan = BuildPlan.of(parse(MULTI), "", Map.of(), Map.of());
        assertThat(names(plan)).containsExactly("base", "builder", "assets", "final-stage");
        // 1 meta ARG + (FROM + ENV) + (FROM + RUN) + (FROM + COPY) + (FROM + 2 COPY + CMD)
        assertThat(plan.totalSteps()).isEqualTo(1 + 2 + 2 + 2 + 4);
    }

    @Test
    void aMetaArgGivenOnTheCommandLineChangesWhatFromNeeds() {
        BuildPlan plan = BuildPlan.of(parse(MULTI), "", Map.of("GO", "busybox"), Map.of());
        assertThat(names(plan)).containsExactly("base", "assets", "final-stage");
    }

    @Test
    void theTargetStopsTheBuildAndIsCaseInsensitive() {
        BuildPlan plan = BuildPlan.of(parse(MULTI), "Builder", Map.of(), Map.of());
        assertThat(names(plan)).containsExactly("base", "builder");
        assertThat(plan.totalSteps()).isEqualTo(5);
        assertThat(BuildPlan.of(parse(MULTI), "unused", Map.of(), Map.of()).stages()).singleElement()
                .extracting(Stage::index).isEqualTo(2);
    }

    @Test
    void aMissingTargetGetsDockersWords() {
        assertThatThrownBy(() -> BuildPlan.of(parse(MULTI), "nope", Map.of(), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("failed to reach build target nope in Dockerfile");
    }

    @Test
    void singleStageCountsAsTheClassicBuilder() {
        BuildPlan plan = BuildPlan.of(parse("FROM busybox\nRUN echo built > /built.txt\nCOPY . /app\nCMD [\"sh\"]\n"),
                null, Map.of(), Map.of());
        assertThat(plan.totalSteps()).isEqualTo(4);
    }

    @Test
    void labelsFromTheRequestAreStepsOfTheTargetStageSortedByKey() {
        BuildPlan plan = BuildPlan.of(parse(MULTI), "builder", Map.of(), Map.of("z", "last", "a", "$NOT_EXPANDED"));
        List<Instruction> steps = plan.stages().getLast().instructions();
        assertThat(steps.subList(1, 3)).containsExactly(
                new Instruction.Label(List.of(new Instruction.KeyValue("a", "$NOT_EXPANDED")), true,
                        "LABEL a=$NOT_EXPANDED", 0),
                new Instruction.Label(List.of(new Instruction.KeyValue("z", "last")), true, "LABEL z=last", 0));
        assertThat(((Instruction.Label) steps.get(1)).expand(w -> "X")).isSameAs(steps.get(1));
        assertThat(plan.totalSteps()).isEqualTo(1 + 2 + 4);
    }

    @Test
    void copyFromNamesAStageAnIndexOrAnImage() {
        List<Stage> stages = parse(MULTI).stages();
        assertThat(CopyFrom.resolve("ASSETS", 4, stages)).isEqualTo(new CopyFrom.FromStage(3));
        assertThat(CopyFrom.resolve("1", 4, stages)).isEqualTo(new CopyFrom.FromStage(1));
        assertThat(CopyFrom.resolve("busybox:1.36", 4, stages)).isEqualTo(new CopyFrom.FromImage("busybox:1.36"));
        assertThat(CopyFrom.resolve("final-stage", 4, stages)).isEqualTo(new CopyFrom.FromImage("final-stage"));
        assertThatThrownBy(() -> CopyFrom.resolve("4", 4, stages))
                .hasMessage("invalid from flag value 4: refers to current build stage");
        assertThatThrownBy(() -> CopyFrom.resolve("7", 4, stages))
                .hasMessage("invalid from flag value 7: index out of bounds");
        assertThatThrownBy(() -> CopyFrom.resolve("-1", 4, stages))
                .hasMessage("invalid from flag value -1: index out of bounds");
    }

    @Test
    void aStageCopyingFromALaterStageNameCopiesFromAnImageOfThatName() {
        BuildPlan plan = BuildPlan.of(parse("FROM scratch AS a\nCOPY --from=b /x /x\nFROM scratch AS b\n"), "a",
                Map.of(), Map.of());
        assertThat(names(plan)).containsExactly("a");
    }

    @Test
    void metaArgsExpandWithEachOther() {
        Dockerfile df = parse("ARG REG=localhost:5000\nARG IMG=${REG}/app\nFROM $IMG\n");
        assertThat(BuildPlan.metaValues(df, Map.of())).containsEntry("IMG", "localhost:5000/app");
        assertThat(BuildPlan.metaValues(df, Map.of("REG", "r"))).containsEntry("IMG", "r/app");
    }
}
