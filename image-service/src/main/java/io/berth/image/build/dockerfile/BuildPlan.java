package io.berth.image.build.dockerfile;

import io.berth.kit.errors.InvalidParameterException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a build runs, in order: the meta ARGs, then the stages the target needs (the target stage, the stages its
 * {@code FROM} and {@code COPY --from} name, and theirs), each with its instructions; the build's {@code labels} are
 * added to the target stage as {@code LABEL} steps, sorted by key, as the classic builder adds them. Stages the target
 * does not need are skipped, and {@code Step N/M} counts the steps that run: the meta ARGs, each stage's {@code FROM}
 * and its instructions (the classic builder's count, over the stages that run).
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/builder.go">builder.go</a>
 */
public record BuildPlan(List<Instruction.Arg> metaArgs, List<Stage> stages, int totalSteps, char escapeToken) {
    public BuildPlan {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    /**
     * Plans a build of {@code dockerfile} up to {@code target} (empty: the last stage), with the build's
     * {@code buildargs} (for the meta ARGs that FROM lines name) and {@code labels}.
     */
    public static BuildPlan of(Dockerfile dockerfile, String target, Map<String, String> buildArgs,
                               Map<String, String> labels) {
        List<Stage> all = dockerfile.stages();
        int last = all.size() - 1;
        if (target != null && !target.isEmpty()) {
            last = -1;
            for (Stage stage : all) {
                // Stage names are case-insensitive.
                if (stage.name().equalsIgnoreCase(target)) {
                    last = stage.index();
                    break;
                }
            }
            if (last < 0) {
                throw new InvalidParameterException("failed to reach build target " + target + " in Dockerfile");
            }
        }
        if (last < 0) {
            // A Dockerfile of meta ARGs only: nothing to run, and the build says it made no image.
            return new BuildPlan(dockerfile.metaArgs(), List.of(), dockerfile.metaArgs().size(),
                    dockerfile.escapeToken());
        }
        Map<String, String> meta = metaValues(dockerfile, buildArgs);
        ShellLex lex = ShellLex.of(dockerfile.escapeToken());
        BitSet needed = new BitSet();
        need(all, last, needed, meta, lex);
        List<Stage> run = new ArrayList<>();
        for (int i = needed.nextSetBit(0); i >= 0; i = needed.nextSetBit(i + 1)) {
            run.add(all.get(i));
        }
        if (labels != null && !labels.isEmpty()) {
            Stage target0 = run.getLast();
            for (var label : new TreeMap<>(labels).entrySet()) {
                target0 = target0.plus(Instruction.Label.fromOption(label.getKey(), label.getValue()));
            }
            run.set(run.size() - 1, target0);
        }
        int steps = dockerfile.metaArgs().size();
        for (Stage stage : run) {
            steps += 1 + stage.instructions().size();
        }
        return new BuildPlan(dockerfile.metaArgs(), run, steps, dockerfile.escapeToken());
    }

    /** The values the meta ARGs take, each expanded with those before it, as the build will give them. */
    static Map<String, String> metaValues(Dockerfile dockerfile, Map<String, String> buildArgs) {
        BuildArgs args = BuildArgs.of(buildArgs == null ? Map.of() : buildArgs);
        ShellLex lex = ShellLex.of(dockerfile.escapeToken());
        for (Instruction.Arg arg : dockerfile.metaArgs()) {
            try {
                Map<String, String> env = args.allowedValues();
                Instruction.Arg expanded = arg.expand(word -> lex.processWord(word, env));
                expanded.args().forEach(a -> args.addMetaArg(a.key(), a.defaultValue()));
            } catch (ShellLex.LexException e) {
                // Reported with its step when the build runs; planning goes on with what it has.
                break;
            }
        }
        return args.metaValues();
    }

    private static void need(List<Stage> all, int index, BitSet needed, Map<String, String> meta, ShellLex lex) {
        if (needed.get(index)) {
            return;
        }
        needed.set(index);
        Stage stage = all.get(index);
        String base;
        try {
            base = lex.processWord(stage.from().baseName(), meta);
        } catch (ShellLex.LexException e) {
            base = stage.from().baseName();
        }
        stageNamed(all, base, index).ifPresent(i -> need(all, i, needed, meta, lex));
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Copy copy && !copy.from().isEmpty()) {
                try {
                    if (CopyFrom.resolve(copy.from(), index, all) instanceof CopyFrom.FromStage s) {
                        need(all, s.index(), needed, meta, lex);
                    }
                } catch (InvalidParameterException e) {
                    // A bad --from fails its own step when the build reaches it.
                }
            }
        }
    }

    /** The earlier stage (before {@code index}) named {@code name}, case-insensitively; FROM takes no index. */
    static java.util.Optional<Integer> stageNamed(List<Stage> all, String name, int index) {
        for (int i = 0; i < index; i++) {
            if (!all.get(i).name().isEmpty() && all.get(i).name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(i);
            }
        }
        return java.util.Optional.empty();
    }
}
