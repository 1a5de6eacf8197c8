package io.berth.image.service;

import java.util.Map;

/**
 * A registry request that failed with an OCI distribution error code. Only the registry paths raise it, and they write
 * it in the registry's own error shape, with the status the distribution spec gives the code (or the one a rule of the
 * spec names for this case, such as 416 for a chunk out of order or 413 for a manifest too large).
 */
public class RegistryException extends RuntimeException {
    private final RegistryErrorCode code;
    private final int status;
    private final Map<String, String> detail;

    public RegistryException(RegistryErrorCode code, Map<String, String> detail) {
        this(code, code.status(), code.message(), detail);
    }

    public RegistryException(RegistryErrorCode code, int status, String message, Map<String, String> detail) {
        super(message);
        this.code = code;
        this.status = status;
        this.detail = Map.copyOf(detail);
    }

    public RegistryErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** What was asked for, e.g. {@code {"name":"busybox","reference":"1.0"}}. */
    public Map<String, String> detail() {
        return detail;
    }
}
