package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * One build stage: its {@code FROM}, its position among the Dockerfile's stages (what {@code COPY --from=<n>} names),
 * and the instructions after it.
 */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The stage's name in lower case, or empty when it has none. */
    public String name() {
        return from.stageName();
    }

    Stage plus(Instruction instruction) {
        var all = new java.util.ArrayList<>(instructions);
        all.add(instruction);
        return new Stage(index, from, all);
    }
}
