package io.berth.worker.network;

import io.berth.kit.errors.InternalException;
import io.berth.worker.Exec;
import io.berth.worker.NodePaths;
import io.berth.worker.runtime.Overlay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The network namespaces the worker keeps for containers on networks: one per container while it runs, bound to a
 * file under the state root ({@code netns/<container id>}), so it outlives the worker and belongs, without a doubt,
 * to this platform: its teardown removes these and no other machine's. util-linux's {@code unshare} makes them.
 *
 * @see <a href="https://man7.org/linux/man-pages/man1/unshare.1.html">unshare(1)</a>
 */
public final class Namespaces {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Namespaces() {
    }

    /** Where the container's namespace is bound. */
    public static Path of(NodePaths paths, String containerId) {
        return paths.root().resolve("netns").resolve(containerId);
    }

    /** The namespaces of this state root that exist now. */
    public static List<Path> all(NodePaths paths) {
        Path dir = paths.root().resolve("netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty network namespace bound to {@code file} (loopback only, and down until netavark sets it up). */
    public static void create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Overlay.isMounted(file)) {
                return;
            }
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + ": " + e.getMessage(), e);
        }
        Exec.Result made = Exec.run(List.of(Exec.which("unshare"), "--net=" + file, "true"), TIMEOUT);
        if (!made.ok()) {
            throw new InternalException("cannot make a network namespace at " + file + ": " + made.output());
        }
    }

    /** Unbinds and removes the namespace's file; the kernel frees the namespace once nothing uses it. */
    public static void delete(Path file) {
        if (Overlay.isMounted(file)) {
            Overlay.unmount(file);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
