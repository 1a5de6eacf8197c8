package io.berth.gateway.api;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code GET /events} call asks for: a time window and Docker's filters, matched as dockerd matches them
 * (moby daemon/events/filter.go {@code Include}): every key must match, the values of one key are alternatives, and
 * {@code label} needs all its values.
 */
public record EventQuery(Instant since, Instant until, DockerFilters filters) {
    /** Filter keys that name a resource by id prefix or name prefix ({@code fuzzyMatchName} in moby). */
    private static final List<String> NAMED = List.of("daemon", "container", "plugin", "volume", "network", "node",
            "service", "secret", "config");
    /** Event filters that match as prefixes, e.g. {@code health_status} for {@code health_status: healthy} (moby #25798). */
    private static final Set<String> PREFIX_EVENTS = Set.of("health_status", "exec_create", "exec_start");

    /** Parses the query parameters; 400 for a malformed time or filter. */
    public static EventQuery of(String since, String until, String filters) {
        return new EventQuery(time(since, "since"), time(until, "until"), DockerFilters.parse(filters));
    }

    /** Docker's timestamps: {@code <unix seconds>[.<nanoseconds>]} (moby api/types/time/timestamp.go), or RFC 3339. */
    static Instant time(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException notNumeric) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException("invalid value for " + name + ": " + value);
            }
        }
    }

    /** Whether an event's time lies inside the window. */
    public boolean inWindow(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
    }

    /** Whether one rendered event passes every filter. */
    public boolean matches(EventMessage event) {
        Map<String, String> attributes = event.actor().attributes();
        String id = event.actor().id();
        if (!matchesAction(event.action()) || !exact("type", event.type()) || !matchesScope(event.scope())) {
            return false;
        }
        for (String key : NAMED) {
            if (!(fuzzy(key, id) || fuzzy(key, attributes.getOrDefault("name", "")))) {
                return false;
            }
        }
        String image = attributes.getOrDefault("image".equals(event.type()) ? "name" : "image", "");
        if (!(exact("image", id) || exact("image", image) || exact("image", familiar(id)) || exact("image", familiar(image)))) {
            return false;
        }
        return filters.matchesLabels(attributes);
    }

    private boolean matchesAction(String action) {
        // Berth also takes "action", the field's own name, for Docker's "event".
        for (String key : new String[] {"event", "action"}) {
            Set<String> wanted = filters.get(key);
            boolean prefix = wanted.stream().anyMatch(PREFIX_EVENTS::contains);
            if (prefix ? !fuzzy(key, action) : !exact(key, action)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesScope(String scope) {
        return !filters.has("scope") || filters.get("scope").contains(scope);
    }

    /** moby filters.Args.ExactMatch: no values for the key matches everything. */
    private boolean exact(String key, String value) {
        return !filters.has(key) || filters.get(key).contains(value);
    }

    /** moby filters.Args.FuzzyMatch: an exact value or a prefix of it. */
    private boolean fuzzy(String key, String value) {
        return !filters.has(key) || filters.get(key).stream().anyMatch(value::startsWith);
    }

    /** An image reference without tag or digest and without Docker Hub's implied prefixes: {@code busybox}. */
    static String familiar(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        for (String hub : new String[] {"docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"}) {
            if (name.startsWith(hub)) {
                return name.substring(hub.length());
            }
        }
        return name;
    }
}
