package io.berth.image.build.dockerfile;

import java.util.List;

/** Expansion helpers the instruction records share. */
final class Expansion {
    private Expansion() {}

    static List<Instruction.KeyValue> pairs(List<Instruction.KeyValue> pairs, Instruction.WordExpander e) {
        return pairs.stream().map(p -> new Instruction.KeyValue(e.expand(p.key()), e.expand(p.value()))).toList();
    }
}
