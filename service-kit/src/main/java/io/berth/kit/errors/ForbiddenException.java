package io.berth.kit.errors;

/** The operation is not allowed on this resource. */
public final class ForbiddenException extends BerthException {
    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }
}
