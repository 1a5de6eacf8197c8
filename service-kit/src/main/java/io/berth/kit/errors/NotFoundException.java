package io.berth.kit.errors;

/** The resource does not exist, or belongs to another tenant (both read the same). */
public final class NotFoundException extends BerthException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
