package io.berth.image.build.dockerfile;

/**
 * A Dockerfile that does not parse, in the builder's words, with the 1-based line it was found on (0 when the words
 * do not come from one line); {@link Dockerfile#parse} turns it into Docker's answer.
 */
final class SyntaxException extends RuntimeException {
    private final int line;

    SyntaxException(String message) {
        this(message, 0);
    }

    SyntaxException(String message, int line) {
        super(message, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }

    SyntaxException at(int atLine) {
        return line != 0 ? this : new SyntaxException(getMessage(), atLine);
    }
}
