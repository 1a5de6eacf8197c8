package io.berth.image.service;

import java.util.Map;

/**
 * A registry read that failed with an OCI distribution error code. Only the registry read path raises it, and its
 * resource writes it in the registry's own error shape, with the status the distribution spec gives the code.
 */
public class RegistryException extends RuntimeException {
    private final RegistryErrorCode code;
    private final Map<String, String> detail;

    public RegistryException(RegistryErrorCode code, Map<String, String> detail) {
        super(code.message());
        this.code = code;
        this.detail = Map.copyOf(detail);
    }

    public RegistryErrorCode code() {
        return code;
    }

    /** What was asked for, e.g. {@code {"name":"busybox","reference":"1.0"}}. */
    public Map<String, String> detail() {
        return detail;
    }
}
