package io.berth.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container takes from its image's configuration when its create left it out, kept with the container so that
 * inspect shows the configuration as dockerd holds it: the request completed from the image (moby's {@code merge} in
 * {@code daemon/commit.go}, called on create). The image's {@code StopSignal} is not among them: the create takes it
 * into the spec itself ({@link ContainerSpec#withDefaultStopSignal}); its {@code Healthcheck} is not shown while Berth
 * runs no health checks (issue 9): inspect must not promise what the node does not do.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/commit.go">moby merge</a>
 */
public record ImageDefaults(
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String user,
        Map<String, String> labels) {

    /** A container recorded before its image's defaults were kept: shown as it was asked for. */
    public static final ImageDefaults NONE = new ImageDefaults(null, null, null, null, null, null);

    public ImageDefaults {
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ImageDefaults of(ImageFacts image) {
        return new ImageDefaults(image.env(), image.cmd(), image.entrypoint(), image.workingDir(), image.user(),
                image.labels());
    }

    /**
     * {@code spec} completed as moby completes a create: the image's variables after the container's, each only when
     * the container does not set it; the image's command when the container sets neither entrypoint nor command, its
     * entrypoint when the container's is not given; user and working directory when empty; the image's labels under the
     * container's.
     */
    public ContainerSpec completing(ContainerSpec spec) {
        List<String> mergedEnv = new ArrayList<>(spec.env());
        for (String variable : env) {
            String key = key(variable);
            if (spec.env().stream().noneMatch(own -> key(own).equals(key))) {
                mergedEnv.add(variable);
            }
        }
        List<String> mergedCmd = spec.cmd();
        List<String> mergedEntrypoint = spec.entrypoint();
        if (spec.entrypoint() == null || spec.entrypoint().isEmpty()) {
            if (spec.cmd() == null || spec.cmd().isEmpty()) {
                mergedCmd = cmd;
            }
            if (spec.entrypoint() == null) {
                mergedEntrypoint = entrypoint;
            }
        }
        return new ContainerSpec(spec.image(), mergedCmd, mergedEntrypoint, mergedEnv,
                orImages(spec.workingDir(), workingDir), orImages(spec.user(), user),
                spec.hostname(), labels(spec.labels()), spec.attachStdout(), spec.attachStderr(), spec.autoRemove(),
                spec.networkMode(), spec.mounts(), spec.stdio(), spec.stopSignal(), spec.stopTimeout());
    }

    /** The image's labels, overridden by the container's {@code own}. */
    public Map<String, String> labels(Map<String, String> own) {
        if (labels.isEmpty()) {
            return own;
        }
        Map<String, String> merged = new LinkedHashMap<>(labels);
        merged.putAll(own);
        return merged;
    }

    private static String key(String variable) {
        int equals = variable.indexOf('=');
        return equals < 0 ? variable : variable.substring(0, equals);
    }

    private static String orImages(String own, String image) {
        return (own == null || own.isEmpty()) && image != null && !image.isEmpty() ? image : own;
    }
}
