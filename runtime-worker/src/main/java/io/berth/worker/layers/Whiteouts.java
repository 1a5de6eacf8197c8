package io.berth.worker.layers;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts an unpacked layer's OCI whiteouts into overlayfs ones: {@code .wh.<name>} becomes a character device
 * 0:0 named {@code <name>}, {@code .wh..wh..opq} becomes the {@code trusted.overlay.opaque=y} xattr on its dir.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#whiteouts">OCI whiteouts</a>
 * @see <a href="https://docs.kernel.org/filesystems/overlayfs.html#whiteouts-and-opaque-directories">overlayfs</a>
 */
final class Whiteouts {
    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private Whiteouts() {
    }

    /** Converts every whiteout under {@code root}; returns how many it converted. */
    static int convert(Path root, WhiteoutOps ops) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().startsWith(PREFIX)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path marker : found) {
            String name = marker.getFileName().toString();
            Files.delete(marker);
            if (name.equals(OPAQUE)) {
                ops.opaque(marker.getParent());
            } else {
                Path hidden = marker.resolveSibling(name.substring(PREFIX.length()));
                // A layer that both deletes and (re)creates a name is malformed; the whiteout wins, as in moby.
                if (Files.exists(hidden, LinkOption.NOFOLLOW_LINKS)) {
                    io.berth.worker.Files2.deleteTree(hidden);
                }
                ops.whiteout(hidden);
            }
        }
        return found.size();
    }
}
