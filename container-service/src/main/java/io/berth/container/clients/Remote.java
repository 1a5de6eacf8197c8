package io.berth.container.clients;

import io.berth.kit.errors.UnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;
import org.jboss.logging.Logger;

/**
 * Says which part of Berth could not be reached, instead of a bare connection error; the part's address and the
 * cause go to the log, never to the client.
 */
public final class Remote {
    static final String WORKER = "runtime worker";
    private static final Logger LOG = Logger.getLogger(Remote.class);

    private Remote() {
    }

    public static <T> Uni<T> guard(String part, Uni<T> call) {
        return call.onFailure(ProcessingException.class).transform(e -> unreachable(part, e));
    }

    static UnavailableException unreachable(String part, Throwable cause) {
        LOG.warnf("%s is not reachable: %s", part, rootMessage(cause));
        return new UnavailableException("Berth's " + part + " is not reachable; try again in a moment", cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
