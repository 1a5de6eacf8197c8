package io.berth.oci.spec;

/**
 * The container's root filesystem: a path on the node, which only the node knows.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#root">OCI config, root</a>
 */
public record Root(String path, boolean readonly) {
}
