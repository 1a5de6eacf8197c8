package io.berth.image.oci;

/**
 * The media types Berth writes and serves.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/media-types.md">OCI media types</a>
 */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    private MediaTypes() {
    }
}
