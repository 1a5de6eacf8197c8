package io.berth.kit.errors;

/** The request itself is wrong; nothing was changed. */
public final class InvalidParameterException extends BerthException {
    public InvalidParameterException(String message) {
        super(message);
    }

    public InvalidParameterException(String message, Throwable cause) {
        super(message, cause);
    }
}
