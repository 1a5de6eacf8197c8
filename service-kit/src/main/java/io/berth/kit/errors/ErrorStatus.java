package io.berth.kit.errors;

/**
 * The one table between failure categories and HTTP statuses, as moby's {@code httpstatus.FromError}: read forwards
 * to answer a client, and backwards to turn a peer's answer into the category it stands for.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/api/server/httpstatus/status.go">moby httpstatus</a>
 */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    /** The status Docker answers for the failure's category. */
    public static int of(BerthException failure) {
        return switch (failure) {
            case NotModifiedException e -> 304;
            case InvalidParameterException e -> 400;
            case ForbiddenException e -> 403;
            case NotFoundException e -> 404;
            case ConflictException e -> 409;
            case InternalException e -> 500;
            case UnavailableException e -> 503;
        };
    }

    /** The category a peer's error status stands for; a status outside the table is an internal failure. */
    public static BerthException fromStatus(int status, String message) {
        return switch (status) {
            case 304 -> new NotModifiedException(message);
            case 400 -> new InvalidParameterException(message);
            case 403 -> new ForbiddenException(message);
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            case 503 -> new UnavailableException(message);
            default -> new InternalException(message);
        };
    }
}
