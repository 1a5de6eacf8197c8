package io.berth.worker.containers;

import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A path inside a container as the container sees it: symbolic links are followed with the container's root as
 * {@code /}, so that neither an absolute link nor {@code ..} leads out of it (what runc's securejoin does for a mount's
 * destination, moby's {@code GetResourcePath}). Where a container path lies on the host is the caller's view: the
 * rootfs alone, or the rootfs with the container's bind mounts ({@link ContainerView}).
 */
public final class ScopedPath {
    /** Linux's own limit on links followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private ScopedPath() {
    }

    /** {@code containerPath} inside {@code rootfs}, every link followed. */
    public static Path resolve(Path rootfs, String containerPath) {
        return rootfs.resolve(resolve(path -> rootfs.resolve(path.substring(1)), containerPath).substring(1));
    }

    /**
     * {@code containerPath} with every link followed, as an absolute container path; {@code hostOf} says where a
     * container path (absolute, clean) lies on the host.
     */
    public static String resolve(Function<String, Path> hostOf, String containerPath) {
        Deque<String> todo = new ArrayDeque<>(components(containerPath));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            resolved.add(part);
            Path candidate = hostOf.apply(join(resolved));
            if (!Files.isSymbolicLink(candidate)) {
                continue;
            }
            resolved.removeLast();
            if (++links > MAX_LINKS) {
                throw new InvalidParameterException("too many levels of symbolic links in " + containerPath);
            }
            String target = readLink(candidate);
            if (target.startsWith("/")) {
                resolved.clear();
            }
            List<String> parts = components(target);
            for (int i = parts.size() - 1; i >= 0; i--) {
                todo.addFirst(parts.get(i));
            }
        }
        return join(resolved);
    }

    /** The path's names, without empty ones and {@code .}. */
    static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String join(List<String> parts) {
        return "/" + String.join("/", parts);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the link " + link + ": " + e.getMessage(), e);
        }
    }
}
