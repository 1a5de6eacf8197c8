package io.berth.container.clients;

import io.berth.kit.errors.UnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;

/** Says which part could not be reached, instead of a bare connection error. */
public final class Remote {
    private Remote() {
    }

    public static <T> Uni<T> guard(String part, Uni<T> call) {
        return call.onFailure(ProcessingException.class)
                .transform(e -> new UnavailableException(part + " is not reachable: " + rootMessage(e), e));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
