package io.berth.image.build;

import java.util.Objects;

/**
 * One file system entry of a layer: a directory, a regular file with its bytes, or a symbolic link. Paths are
 * relative to the root and have no leading or trailing slash ({@code bin/busybox}).
 */
public record LayerEntry(String path, Kind kind, int mode, byte[] content, String linkTarget) {
    /** What sort of entry it is. */
    public enum Kind { DIRECTORY, FILE, SYMLINK }

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("layer paths are relative, without a trailing slash: " + path);
        }
        if (kind == Kind.FILE && content == null || kind == Kind.SYMLINK && linkTarget == null) {
            throw new IllegalArgumentException("a file needs content and a link a target: " + path);
        }
    }

    public static LayerEntry directory(String path, int mode) {
        return new LayerEntry(path, Kind.DIRECTORY, mode, null, null);
    }

    public static LayerEntry file(String path, int mode, byte[] content) {
        return new LayerEntry(path, Kind.FILE, mode, content, null);
    }

    public static LayerEntry symlink(String path, String target) {
        return new LayerEntry(path, Kind.SYMLINK, 0777, null, target);
    }
}
