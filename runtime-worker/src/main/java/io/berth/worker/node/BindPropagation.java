package io.berth.worker.node;

import io.berth.kit.errors.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * dockerd's check of a bind's propagation against the host mount its source is on, made before a container starts: a
 * {@code shared}/{@code rshared} bind needs a shared mount, a {@code slave}/{@code rslave} one a shared or slave mount,
 * since the container's mount could not take part in any propagation otherwise (moby daemon/oci_linux.go
 * {@code ensureShared}, {@code ensureSharedOrSlave}; their words).
 */
public final class BindPropagation {
    private static final Set<String> SHARED = Set.of("shared", "rshared");
    private static final Set<String> SLAVE = Set.of("slave", "rslave");

    private BindPropagation() {
    }

    /** Refuses a bind of {@code source} with the propagation among {@code options} that its host mount cannot give. */
    public static void check(MountTable table, String source, List<String> options) {
        boolean shared = options.stream().anyMatch(SHARED::contains);
        boolean slave = options.stream().anyMatch(SLAVE::contains);
        if (!shared && !slave) {
            return;
        }
        MountTable.Mount mount = table.holding(real(Path.of(source)));
        if (shared && !mount.shared()) {
            throw new InvalidParameterException("path " + source + " is mounted on " + mount.mountPoint()
                    + " but it is not a shared mount");
        }
        if (slave && !mount.shared() && !mount.slave()) {
            throw new InvalidParameterException("path " + source + " is mounted on " + mount.mountPoint()
                    + " but it is not a shared or slave mount");
        }
    }

    private static Path real(Path source) {
        try {
            return source.toRealPath();
        } catch (IOException e) {
            // A source that is gone fails at the runtime's mount, in its own words.
            return source.toAbsolutePath().normalize();
        }
    }
}
