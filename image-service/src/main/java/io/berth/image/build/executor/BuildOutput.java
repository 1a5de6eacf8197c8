package io.berth.image.build.executor;

/** Where a build's JSON stream messages go ({@link io.berth.image.build.steps.BuildMessages}), as they come. */
@FunctionalInterface
public interface BuildOutput {
    void write(byte[] message);
}
