package io.berth.image.service;

import io.berth.kit.errors.BerthException;
import java.util.Map;

/**
 * A registry read that failed with an OCI distribution error code. The registry resource writes it in the registry's
 * own error shape; anywhere else it reads as its status and message.
 */
public class RegistryException extends BerthException {
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

    @Override
    public int status() {
        return code.status();
    }
}
