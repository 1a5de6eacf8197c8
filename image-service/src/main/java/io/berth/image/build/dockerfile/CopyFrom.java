package io.berth.image.build.dockerfile;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;

/**
 * What {@code COPY --from=<x>} copies from: an earlier stage, by name (case-insensitive) or by index, else an image
 * reference. A stage index that is this stage or beyond it fails with the classic builder's words
 * ({@code invalid from flag value 1: index out of bounds}, {@code … refers to current build stage}).
 */
public sealed interface CopyFrom {
    /** The stage at {@code index} of the Dockerfile. */
    record FromStage(int index) implements CopyFrom {}

    /** An image, by the reference as written. */
    record FromImage(String reference) implements CopyFrom {}

    static CopyFrom resolve(String from, int currentStage, List<Stage> stages) {
        var named = BuildPlan.stageNamed(stages, from, currentStage);
        if (named.isPresent()) {
            return new FromStage(named.get());
        }
        int index;
        try {
            index = Integer.parseInt(from);
        } catch (NumberFormatException e) {
            return new FromImage(from);
        }
        if (index == currentStage) {
            throw new InvalidParameterException("invalid from flag value " + from + ": refers to current build stage");
        }
        if (index < 0 || index > currentStage) {
            throw new InvalidParameterException("invalid from flag value " + from + ": index out of bounds");
        }
        return new FromStage(index);
    }
}
