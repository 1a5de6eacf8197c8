package io.berth.worker.node;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.worker.NodePaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's own rule for host paths a container may see through a bind mount (a {@code -v /host:/path} bind or a
 * bind-backed volume's device): nothing inside the state root (other containers' files, other tenants' volumes, the
 * runtime's state) and no directory that holds the state root. Whether a tenant may bind host paths at all is a
 * policy of the control plane (service-kit's {@code HostBindPolicy}); this rule holds for every tenant, so it lives
 * where the state root is known. Paths are compared after symbolic links are resolved, so a link cannot lead a bind
 * into the state root.
 */
@ApplicationScoped
public class BindSources {
    private final Path stateRoot;

    @Inject
    public BindSources(NodePaths paths) {
        this(paths.root());
    }

    public BindSources(Path stateRoot) {
        this.stateRoot = real(stateRoot.toAbsolutePath().normalize());
    }

    /** Refuses a bind of {@code source} that would expose the state root, in the words of a mount config error. */
    public void check(String source) {
        Path path = real(Path.of(source).toAbsolutePath().normalize());
        if (path.startsWith(stateRoot)) {
            throw refused(source, "is inside Berth's state root");
        }
        if (stateRoot.startsWith(path)) {
            throw refused(source, "holds Berth's state root (" + stateRoot + ")");
        }
    }

    private static InvalidParameterException refused(String source, String why) {
        return new InvalidParameterException("invalid mount config for type \"bind\": bind source path " + source + " "
                + why + ", which no container may see");
    }

    /**
     * The path with every symbolic link resolved; for a path that does not exist yet, its deepest existing ancestor
     * resolved and the rest appended, which is where a directory made for it would be.
     */
    static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }
}
