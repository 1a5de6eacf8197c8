package io.berth.oci.spec;

import java.util.Set;

/**
 * A namespace the runtime creates for the container, by the spec's type name ({@code pid}, {@code network}, …).
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config-linux.md#namespaces">OCI config, namespaces</a>
 */
public record Namespace(String type) {
    private static final Set<String> TYPES = Set.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup");

    public Namespace {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown namespace type " + type + ": expected one of " + TYPES);
        }
    }
}
