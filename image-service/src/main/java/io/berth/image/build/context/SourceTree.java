package io.berth.image.build.context;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A file tree COPY and ADD take files from: the build context, or (for {@code COPY --from}) an earlier stage's or an
 * image's file system. Paths are relative to the tree's root and never leave it; links are followed inside it.
 */
public interface SourceTree {
    /** The real path {@code path} names, links followed inside the root (the last one only when asked). */
    String resolve(String path, boolean followLast);

    /** The entry {@code path} names, links followed. */
    Optional<ContextEntry> stat(String path);

    /** The bytes of the file {@code path} names, links followed. */
    Optional<InputStream> open(String path);

    /** {@code directory} (a real path, {@code ""} for the root) and everything under it, in Go's walk order. */
    List<ContextEntry> walk(String directory);

    /** Whether this is the build context (a missing file is then "not found in build context or excluded"). */
    default boolean isBuildContext() {
        return false;
    }

    /** The checksum the classic builder keys a copied path by (tarsum v1 of its header and bytes). */
    String hash(String path);
}
