package io.berth.image.build.dockerfile;

import io.berth.kit.errors.InvalidParameterException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a stage starts from, as its {@code FROM} line says once expanded with the meta ARGs: nothing
 * ({@code scratch}), an earlier stage by name, or an image (with the platform asked for). Docker's words when the line
 * expands to nothing ({@code base name (${X}) should not be blank}). Berth's nodes are linux/amd64: another platform
 * is refused rather than built wrongly.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/builder/dockerfile/dispatchers.go">initializeStage</a>
 */
public sealed interface StageBase {
    /** The one platform Berth builds for. */
    String PLATFORM = "linux/amd64";

    /** {@code FROM scratch}: no layers, an empty configuration. */
    record Scratch() implements StageBase {}

    /** An earlier stage of the same build. */
    record FromStage(int index) implements StageBase {}

    /** An image, by the reference the line names. */
    record FromImage(String reference) implements StageBase {}

    static StageBase resolve(Stage stage, List<Stage> all, Map<String, String> metaArgs, ShellLex lex,
                             String buildPlatform) {
        Instruction.From from = stage.from();
        String platform = from.platform();
        if (!platform.isEmpty()) {
            try {
                platform = lex.processWord(platform, metaArgs);
            } catch (ShellLex.LexException e) {
                throw new InvalidParameterException("failed to process arguments for platform " + platform + ": "
                        + e.getMessage());
            }
        }
        checkPlatform(platform.isEmpty() ? buildPlatform : platform);
        String name;
        try {
            name = lex.processWord(from.baseName(), metaArgs);
        } catch (ShellLex.LexException e) {
            throw new InvalidParameterException(e.getMessage());
        }
        if (name.isEmpty()) {
            throw new InvalidParameterException("base name (" + from.baseName() + ") should not be blank");
        }
        var earlier = BuildPlan.stageNamed(all, name, stage.index());
        if (earlier.isPresent()) {
            return new FromStage(earlier.get());
        }
        if (name.equals("scratch")) {
            return new Scratch();
        }
        return new FromImage(name);
    }

    /** Accepts the platforms that mean this node's ({@code linux}, {@code amd64}, {@code linux/amd64}, …). */
    static void checkPlatform(String platform) {
        if (platform == null || platform.isEmpty()) {
            return;
        }
        String p = platform.toLowerCase(Locale.ROOT);
        if (p.equals("linux") || p.equals("amd64") || p.equals("x86_64") || p.equals("linux/amd64")
                || p.equals("linux/x86_64") || p.equals("linux/amd64/v1")) {
            return;
        }
        throw new InvalidParameterException("platform " + platform + " is not supported: Berth builds for "
                + PLATFORM + " only");
    }
}
