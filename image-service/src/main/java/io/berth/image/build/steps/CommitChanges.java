package io.berth.image.build.steps;

import io.berth.image.build.dockerfile.BuildArgs;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.ShellLex;
import java.util.List;
import java.util.Map;

/**
 * {@code docker commit --change}: the container's configuration changed by each instruction in turn, as the classic
 * builder's {@code BuildFromConfig} does it (variables expanded with the container's environment, WORKDIR relative to
 * the previous one and not created, no PATH added), with Docker's words for a change that is not allowed or wrong.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/builder.go">BuildFromConfig</a>
 */
public final class CommitChanges {
    private CommitChanges() {}

    /** Applies {@code changes} to {@code config} (which it changes). */
    public static StageConfig apply(StageConfig config, List<String> changes, MetadataSteps.SignalCheck signals) {
        BuildArgs none = BuildArgs.of(Map.of());
        none.beginStage();
        ShellLex lex = ShellLex.of('\\');
        for (Instruction change : Dockerfile.changes(changes)) {
            MetadataSteps.apply(config, change, lex, none, signals);
        }
        return config;
    }
}
