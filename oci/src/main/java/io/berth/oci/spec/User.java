package io.berth.oci.spec;

/**
 * The numeric user and group the process runs as; both are uint32 in the spec.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md#user">OCI config, POSIX user</a>
 */
public record User(long uid, long gid) {
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    public User {
        if (uid < 0 || uid > UINT32_MAX || gid < 0 || gid > UINT32_MAX) {
            throw new IllegalArgumentException("uid and gid must be between 0 and " + UINT32_MAX + ": " + uid + ":" + gid);
        }
    }
}
