package io.berth.kit.errors;

/**
 * A failure a client can cause or must be told about, typed by category the way moby's errdefs are. A category has
 * no status of its own: {@link ErrorStatus} alone maps categories to HTTP statuses, and back for a peer's answer.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/errdefs/http_helpers.go">moby errdefs, http_helpers.go</a>
 */
public abstract sealed class BerthException extends RuntimeException
        permits ConflictException, ForbiddenException, InternalException, InvalidParameterException, NotFoundException,
        NotModifiedException, UnavailableException {

    protected BerthException(String message) {
        super(message);
    }

    protected BerthException(String message, Throwable cause) {
        super(message, cause);
    }
}
