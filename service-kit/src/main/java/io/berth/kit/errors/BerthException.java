package io.berth.kit.errors;

/**
 * A failure a client can cause or must be told about, typed by category the way moby's errdefs are; the category
 * alone decides the HTTP status, in {@link DockerErrorMapper}.
 */
public abstract class BerthException extends RuntimeException {
    protected BerthException(String message) {
        super(message);
    }

    protected BerthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status Docker uses for this category. */
    public abstract int status();
}
