package io.berth.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;

/**
 * A namespace of the container, by the spec's type name ({@code pid}, {@code network}, …): a new one the runtime
 * creates, or, with a {@code path}, an existing one the container joins (the network namespace the worker set up
 * with netavark).
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config-linux.md#namespaces">OCI config, namespaces</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Namespace(String type, String path) {
    private static final Set<String> TYPES = Set.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup");

    public Namespace {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown namespace type " + type + ": expected one of " + TYPES);
        }
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("a namespace path is absolute: " + path);
        }
    }

    /** A new namespace of that type. */
    public Namespace(String type) {
        this(type, null);
    }
}
