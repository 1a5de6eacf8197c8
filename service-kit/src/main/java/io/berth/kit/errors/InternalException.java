package io.berth.kit.errors;

/** Something failed inside Berth; the message says what, never with a stack trace. */
public final class InternalException extends BerthException {
    public InternalException(String message) {
        super(message);
    }

    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
