package io.berth.image.service;

/**
 * The OCI distribution error codes the read path answers with, each with its status and the registry's usual text.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes">error codes</a>
 */
public enum RegistryErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_UNKNOWN(404, "manifest unknown"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry");

    private final int status;
    private final String message;

    RegistryErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
