package io.berth.kit.errors;

/** A part Berth needs could not be reached; the request may succeed later. */
public final class UnavailableException extends BerthException {
    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
