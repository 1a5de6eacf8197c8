package io.berth.image.pull;

/**
 * Where a pull or push reports what it does, in Docker's progress vocabulary (moby pkg/progress): a line of its own
 * ({@code Digest: …}), a step of one layer ({@code Pulling fs layer}, {@code Pull complete}), or bytes done of a layer.
 * Called from any thread.
 */
public interface ProgressSink {
    /** A line without an id, e.g. {@code Status: Downloaded newer image for …}; with an id, {@code Pulling from …}. */
    void message(String status, String id);

    /** A step of one layer, with an empty {@code progressDetail} as moby sends it. */
    void step(String id, String status);

    /** {@code current} of {@code total} bytes of one layer. */
    void bytes(String id, String status, long current, long total);

    /** An {@code aux} line, e.g. a push's {@code {"Tag", "Digest", "Size"}}, which compose reads the digest from. */
    void aux(java.util.Map<String, Object> aux);
}
