package io.berth.worker.volumes;

import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A path inside a container's root filesystem as the container sees it: symbolic links are followed with the rootfs
 * as {@code /}, so that neither an absolute link nor {@code ..} leads out of it (what runc's securejoin does for a
 * mount's destination, moby's {@code GetResourcePath}).
 */
final class RootfsPath {
    /** Linux's own limit on links followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    static Path resolve(Path rootfs, String containerPath) {
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
            Path candidate = join(rootfs, resolved).resolve(part);
            if (!Files.isSymbolicLink(candidate)) {
                resolved.add(part);
                continue;
            }
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
        return join(rootfs, resolved);
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static Path join(Path rootfs, List<String> parts) {
        Path path = rootfs;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the link " + link + ": " + e.getMessage(), e);
        }
    }
}
