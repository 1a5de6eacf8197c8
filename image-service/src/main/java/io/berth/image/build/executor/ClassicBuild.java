package io.berth.image.build.executor;

import io.berth.image.api.BuildOptions;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.SourceTree;
import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.BuildPlan;
import io.berth.image.build.dockerfile.CopyFrom;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.ShellLex;
import io.berth.image.build.dockerfile.Stage;
import io.berth.image.build.dockerfile.StageBase;
import io.berth.image.build.steps.BuildMessages;
import io.berth.image.build.steps.CopyLayer;
import io.berth.image.build.steps.CopySources;
import io.berth.image.build.steps.MetadataSteps;
import io.berth.image.build.steps.RunStep;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.build.steps.StepCacheKey;
import io.berth.kit.errors.BerthException;
import io.berth.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One classic build, step by step as Docker Engine's classic builder runs it: the meta ARGs, then each stage the
 * target needs (its base, its base's ONBUILD triggers, its instructions), each step looked up in the cache first
 * ({@code  ---> Using cache}) and else done and recorded as an image; {@code aux} with the image id after each stage;
 * the unused build-args warning; {@code Successfully built} and one {@code Successfully tagged} per tag. Metadata steps
 * make no container here (Docker makes one and removes it); COPY and ADD make their layer from the context; RUN goes
 * to a node through the {@link BuildBackend}.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/builder.go">builder.go</a>
 */
public final class ClassicBuild {
    private final String tenant;
    private final BuildOptions options;
    private final BuildContext context;
    private final BuildBackend backend;
    private final BuildOutput out;
    private final Path workDir;
    private final Clock clock;
    private final boolean wantAux;
    private final MetadataSteps.SignalCheck signals;
    private final Map<Integer, BuildBackend.BaseImage> stageResults = new HashMap<>();
    private final List<Path> layers = new ArrayList<>();

    private BuildArgs args;
    private ShellLex lex;
    private List<Stage> allStages;
    private int stageIndex;
    private String imageId;
    private StageConfig config;

    public ClassicBuild(String tenant, BuildOptions options, BuildContext context, BuildBackend backend,
                        BuildOutput out, Path workDir, Clock clock, boolean wantAux,
                        MetadataSteps.SignalCheck signals) {
        this.tenant = tenant;
        this.options = options;
        this.context = context;
        this.backend = backend;
        this.out = out;
        this.workDir = workDir;
        this.clock = clock;
        this.wantAux = wantAux;
        this.signals = signals;
    }

    /**
     * Runs the build of {@code dockerfile}; returns the image id. A step that fails throws {@link BuildFailure}
     * (after the step's lines were written); bad input found before any step throws Docker's 400.
     */
    public String run(Dockerfile dockerfile) {
        try {
            return build(dockerfile);
        } finally {
            for (Path layer : layers) {
                try {
                    Files.deleteIfExists(layer);
                } catch (IOException e) {
                    // a leftover temp file is removed with the build's work dir
                }
            }
        }
    }

    private String build(Dockerfile dockerfile) {
        BuildPlan plan = BuildPlan.of(dockerfile, options.target(), options.buildArgs(), options.labels());
        if (!dockerfile.warnings().isEmpty()) {
            out.write(BuildMessages.stderr(String.join("\n", dockerfile.warnings()) + "\n"));
        }
        args = BuildArgs.of(options.buildArgs());
        lex = ShellLex.of(plan.escapeToken());
        allStages = dockerfile.stages();
        int step = 1;
        for (Instruction.Arg meta : plan.metaArgs()) {
            out.write(BuildMessages.step(step++, plan.totalSteps(), meta.source()));
            Map<String, String> env = args.allowedValues();
            Instruction.Arg expanded = (Instruction.Arg) failing(() -> meta.expand(w -> lex.processWord(w, env)));
            expanded.args().forEach(a -> args.addMetaArg(a.key(), a.defaultValue()));
        }
        for (Stage stage : plan.stages()) {
            stageIndex = stage.index();
            out.write(BuildMessages.step(step++, plan.totalSteps(), stage.from().source()));
            beginStage(stage);
            out.write(BuildMessages.result(imageId));
            for (Instruction instruction : stage.instructions()) {
                out.write(BuildMessages.step(step++, plan.totalSteps(), instruction.source()));
                dispatch(instruction);
                out.write(BuildMessages.result(imageId));
            }
            if (wantAux) {
                out.write(BuildMessages.aux(imageId));
            }
            stageResults.put(stage.index(), new BuildBackend.BaseImage(imageId, config));
        }
        args.unusedWarning().ifPresent(w -> out.write(BuildMessages.stream(w + "\n")));
        if (imageId == null || imageId.isEmpty()) {
            throw new BuildFailure("No image was generated. Is your Dockerfile empty?", 0);
        }
        out.write(BuildMessages.built(imageId));
        for (String tag : options.tags()) {
            backend.tag(imageId, tag);
            out.write(BuildMessages.tagged(tag));
        }
        return imageId;
    }

    private void beginStage(Stage stage) {
        StageBase base = failing(() -> StageBase.resolve(stage, allStages, args.metaValues(), lex, options.platform()));
        args.beginStage();
        switch (base) {
            case StageBase.Scratch s -> {
                imageId = "";
                config = StageConfig.scratch();
            }
            case StageBase.FromStage s -> {
                BuildBackend.BaseImage result = stageResults.get(s.index());
                imageId = result.id();
                config = result.config().asBase();
            }
            case StageBase.FromImage s -> {
                BuildBackend.BaseImage image = backend.base(s.reference(), options.pull(), out);
                imageId = image.id();
                config = image.config().asBase();
            }
        }
        List<String> triggers = config.takeTriggers();
        if (!triggers.isEmpty()) {
            out.write(BuildMessages.executingTriggers(triggers.size()));
            for (String trigger : triggers) {
                dispatch(failing(() -> Dockerfile.trigger(trigger)));
            }
        }
    }

    private void dispatch(Instruction instruction) {
        switch (instruction) {
            case Instruction.Run run -> run(run);
            case Instruction.Copy copy -> copy(copy);
            case Instruction.Add add -> copy(add);
            default -> metadata(instruction);
        }
    }

    private void metadata(Instruction instruction) {
        MetadataSteps.Applied applied = failing(() -> MetadataSteps.apply(config, instruction, lex, args, signals));
        applied.output().forEach(line -> out.write(BuildMessages.stream(line + "\n")));
        StepCacheKey key = StepCacheKey.of(tenant, imageId, config, applied.containerCmd());
        if (fromCache(key)) {
            return;
        }
        Path layer = null;
        Digest digest = null;
        if (applied.makesDirectory()) {
            Path file = newLayerFile();
            Digest.Hasher hasher = Digest.hasher();
            boolean made = write(file, hasher, o -> CopyLayer.writeDirectory(config.workingDir(), target(), clock.instant(), o));
            layer = made ? file : null;
            digest = made ? hasher.digest() : null;
        }
        commit(applied.containerCmd(), layer, digest, key);
    }

    private void run(Instruction.Run instruction) {
        RunStep step = failing(() -> RunStep.of(config, instruction, args));
        StepCacheKey key = StepCacheKey.of(tenant, imageId, config, step.historyCmd(), null);
        if (fromCache(key)) {
            return;
        }
        BuildBackend.RunOutcome outcome = backend.run(imageId, config, step, out);
        if (outcome.exitCode() != 0) {
            throw new BuildFailure(step.failure(outcome.exitCode()), outcome.exitCode());
        }
        commit(step.historyCmd(), outcome.layer(), outcome.layerDigest(), key);
    }

    /** The words of a COPY or ADD once expanded, and its flags. */
    private record CopyStep(String command, List<String> sources, String dest, String from, String chown, String chmod,
                            boolean link, boolean unpack) {
        static CopyStep of(Instruction expanded) {
            return switch (expanded) {
                case Instruction.Copy c -> new CopyStep("COPY", c.sources(), c.dest(), c.from(), c.chown(), c.chmod(),
                        c.link(), false);
                case Instruction.Add a -> new CopyStep("ADD", a.sources(), a.dest(), "", a.chown(), a.chmod(), a.link(),
                        true);
                default -> throw new IllegalArgumentException(expanded.source());
            };
        }
    }

    private void copy(Instruction instruction) {
        Map<String, String> env = args.expansionEnv(config.envMap());
        CopyStep c = CopyStep.of(((Instruction.Expandable) instruction)
                .expand(w -> failing(() -> lex.processWord(w, env))));
        Integer mode = c.chmod().isEmpty() ? null : failing(() -> CopyLayer.chmod(c.chmod()));
        SourceTree tree = c.from().isEmpty() ? context : treeOf(c.from());
        CopySources.Selection selection = failing(() -> CopySources.select(tree, c.command(), c.sources(), c.dest(),
                c.chown()));
        List<String> cmd = selection.containerCmd(config);
        StepCacheKey key = StepCacheKey.of(tenant, imageId, config, cmd);
        if (fromCache(key)) {
            return;
        }
        CopyLayer.Target target = target();
        // Files are root's, or --chown's; COPY --from without --chown keeps the owners they had in the stage.
        CopyLayer.Owner owner = !c.chown().isEmpty() ? failing(() -> CopyLayer.owner(c.chown(), target))
                : c.from().isEmpty() ? CopyLayer.Owner.ROOT : null;
        Path file = newLayerFile();
        Digest.Hasher hasher = Digest.hasher();
        write(file, hasher, o -> {
            CopyLayer.write(tree, selection, config.workingDir(),
                    new CopyLayer.Options(owner, mode, c.unpack(), c.link()), target, clock.instant(), o);
            return true;
        });
        commit(cmd, file, hasher.digest(), key);
    }

    private SourceTree treeOf(String from) {
        CopyFrom source = failing(() -> CopyFrom.resolve(from, stageIndex, allStages));
        return switch (source) {
            case CopyFrom.FromStage s -> backend.tree(stageResults.get(s.index()).id());
            case CopyFrom.FromImage i -> backend.tree(backend.base(i.reference(), false, out).id());
        };
    }

    private CopyLayer.Target target() {
        return backend.target(imageId);
    }

    private boolean fromCache(StepCacheKey key) {
        if (options.noCache()) {
            return false;
        }
        var hit = backend.cached(key);
        hit.ifPresent(id -> {
            out.write(BuildMessages.usingCache());
            imageId = id;
        });
        return hit.isPresent();
    }

    private void commit(List<String> containerCmd, Path layer, Digest layerDigest, StepCacheKey key) {
        imageId = backend.commit(new BuildBackend.Step(imageId, config.copy(), containerCmd,
                String.join(" ", containerCmd), layer, layerDigest, key));
    }

    private Path newLayerFile() {
        try {
            Path file = Files.createTempFile(workDir, "layer-", ".tar");
            layers.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a layer file; what the writer returns says whether the step made a layer at all. */
    private interface LayerWriter {
        boolean write(OutputStream out) throws IOException;
    }

    /** Writes a layer file, its digest taken on the way (the store then need not read it again). */
    private static boolean write(Path file, Digest.Hasher hasher, LayerWriter writer) {
        try (OutputStream o = hasher.writing(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            return writer.write(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A step's bad input ends the build as a stream error, in the same words. */
    private static <T> T failing(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (BerthException | ShellLex.LexException e) {
            throw new BuildFailure(e.getMessage(), 0);
        }
    }
}
