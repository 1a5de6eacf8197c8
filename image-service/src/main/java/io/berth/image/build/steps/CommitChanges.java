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

    /**
     * Fills what {@code user} (the request's configuration after its changes) leaves unset from the container's, as
     * dockerd's commit {@code merge} does: user, working dir and stop signal when empty; exposed ports and volumes
     * joined; the container's environment entries whose names the user's lacks appended; labels the user's lacks
     * added; cmd and entrypoint only when the user's sets no entrypoint; a health check field by field.
     *
     * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/commit.go">moby merge</a>
     */
    public static StageConfig merge(StageConfig user, StageConfig container) {
        if (user.user.isEmpty()) {
            user.user = container.user;
        }
        user.exposedPorts.addAll(container.exposedPorts);
        if (user.env.isEmpty()) {
            user.env.addAll(container.env);
        } else {
            java.util.Set<String> names = new java.util.HashSet<>();
            user.env.forEach(e -> names.add(e.split("=", -1)[0]));
            for (String e : container.env) {
                if (!names.contains(e.split("=", -1)[0])) {
                    user.env.add(e);
                }
            }
        }
        container.labels.forEach(user.labels::putIfAbsent);
        if (user.entrypoint == null || user.entrypoint.isEmpty()) {
            if (user.cmd == null || user.cmd.isEmpty()) {
                user.cmd = container.cmd;
            }
            if (user.entrypoint == null) {
                user.entrypoint = container.entrypoint;
            }
        }
        if (container.healthcheck != null) {
            io.berth.image.build.dockerfile.HealthConfig u = user.healthcheck;
            io.berth.image.build.dockerfile.HealthConfig c = container.healthcheck;
            user.healthcheck = u == null ? c : new io.berth.image.build.dockerfile.HealthConfig(
                    u.test() == null || u.test().isEmpty() ? c.test() : u.test(),
                    u.interval().isZero() ? c.interval() : u.interval(),
                    u.timeout().isZero() ? c.timeout() : u.timeout(),
                    u.startPeriod().isZero() ? c.startPeriod() : u.startPeriod(),
                    u.retries() == 0 ? c.retries() : u.retries());
        }
        if (user.workingDir.isEmpty()) {
            user.workingDir = container.workingDir;
        }
        user.volumes.addAll(container.volumes);
        if (user.stopSignal.isEmpty()) {
            user.stopSignal = container.stopSignal;
        }
        return user;
    }

    /** {@code docker commit --author}: the image's author. */
    public static StageConfig withAuthor(StageConfig config, String author) {
        config.author = author == null ? "" : author;
        return config;
    }
}
