package io.berth.kit.errors;

/** The request itself is wrong; nothing was changed. */
public class InvalidParameterException extends BerthException {
    public InvalidParameterException(String message) {
        super(message);
    }

    public InvalidParameterException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 400;
    }
}
