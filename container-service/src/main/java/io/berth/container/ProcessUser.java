package io.berth.container;

/**
 * The uid and gid a container's process runs as (the OCI spec's {@code process.user}): its {@code User}, else its
 * image's, resolved by image-service against the image's {@code /etc/passwd} and {@code /etc/group} at create (the
 * one resolver RUN steps use too; docs/internal-api.md, the resolve call).
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/container/run/#user">docker run --user</a>
 */
public record ProcessUser(int uid, int gid) {
    public static final ProcessUser ROOT = new ProcessUser(0, 0);
}
