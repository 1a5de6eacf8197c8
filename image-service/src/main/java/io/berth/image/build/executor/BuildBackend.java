package io.berth.image.build.executor;

import io.berth.image.build.context.SourceTree;
import io.berth.image.build.steps.CopyLayer;
import io.berth.image.build.steps.RunStep;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.build.steps.StepCacheKey;
import io.berth.oci.Digest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a classic build needs from the rest of Berth, for one tenant: base images (pulled when missing), the step
 * cache, recording each step's image, running RUN steps on a node, and reading an image's file system. The image
 * store (issue 7) and a worker client implement it; the build itself ({@link ClassicBuild}) only decides.
 */
public interface BuildBackend {

    /** An image a stage starts from: its id and its run configuration. */
    record BaseImage(String id, StageConfig config) {}

    /**
     * One step to record: the parent image ({@code ""} for scratch), the configuration after the step, the command
     * its container configuration and history record, the layer (an uncompressed tar) or null when it left none, the
     * layer's digest as it was taken while the layer was written (null when not known), and the cache key to
     * remember the result under.
     */
    record Step(String parentId, StageConfig config, java.util.List<String> containerCmd, String createdBy,
                Path layer, Digest layerDigest, StepCacheKey key) {}

    /**
     * A RUN step's end: its exit code, and the layer its file system change makes (null when it failed) with its
     * digest when it was taken on the way (null otherwise).
     */
    record RunOutcome(int exitCode, Path layer, Digest layerDigest) {
        public RunOutcome(int exitCode, Path layer) {
            this(exitCode, layer, null);
        }
    }

    /** The image {@code reference} names, pulled when missing or when {@code pull} asks (its progress to out). */
    BaseImage base(String reference, boolean pull, BuildOutput out);

    /** The image a step with this key made before, when this tenant has it. */
    Optional<String> cached(StepCacheKey key);

    /** Records a step's image and its cache key; returns the new image id. */
    String commit(Step step);

    /** Runs a RUN step in a container of {@code parentId} (its output to out, stderr in red). */
    RunOutcome run(String parentId, StageConfig config, RunStep step, BuildOutput out);

    /**
     * What a step of {@code imageId} sees of its file system (for COPY's destination and --chown names); {@code ""}
     * (scratch) has nothing.
     */
    CopyLayer.Target target(String imageId);

    /** {@code imageId}'s file system as a COPY --from source. */
    SourceTree tree(String imageId);

    /** Tags the build's image. */
    void tag(String imageId, String reference);
}
