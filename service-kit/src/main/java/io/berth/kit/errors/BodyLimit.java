package io.berth.kit.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over the service's limit ({@code quarkus.http.limits.max-body-size}) before
 * any resource reads it, with 413 in Docker's shape: Quarkus REST's own refusal of the same body has an empty one. A
 * chunked body over the limit is still cut by Quarkus, without Docker's body (no client Berth serves sends one).
 */
@ApplicationScoped
public class BodyLimit {
    /** Ahead of the tenant guard, so an oversized body is refused the same way everywhere. */
    private static final int ORDER = -1000;
    private final Optional<Long> limit;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit.map(MemorySize::asLongValue);
    }

    void register(@Observes Router router) {
        if (limit.isPresent()) {
            router.route().order(ORDER).handler(this::check);
        }
    }

    void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > limit.get()) {
            // The body is not read, so the connection cannot carry another request after this answer.
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            ErrorAnswers.send(context.response(), 413, "request body too large: Berth takes at most "
                    + readable(limit.get()) + " here");
            return;
        }
        context.next();
    }

    static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
