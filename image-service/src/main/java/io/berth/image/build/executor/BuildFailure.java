package io.berth.image.build.executor;

/**
 * A build that stopped at a step, in Docker's words; {@code code} is a failed RUN's exit code (the CLI exits with it),
 * 0 otherwise. The resource writes it as the stream's {@code errorDetail}.
 */
public final class BuildFailure extends RuntimeException {
    private final int code;

    public BuildFailure(String message, int code) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
