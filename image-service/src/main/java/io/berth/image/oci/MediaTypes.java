package io.berth.image.oci;

/**
 * The media types Berth writes and serves, and the manifest types its registry takes.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/media-types.md">OCI media types</a>
 */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker's image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker's multi-platform list, the index of schema 2. */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private MediaTypes() {
    }
}
