package io.berth.kit.errors;

/** The request clashes with the resource's current state or name. */
public final class ConflictException extends BerthException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
