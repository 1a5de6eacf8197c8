package io.berth.kit.errors;

/** Nothing to do: the resource is already in the asked-for state (Docker answers 304 without a body). */
public final class NotModifiedException extends BerthException {
    public NotModifiedException(String message) {
        super(message);
    }

    public NotModifiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
