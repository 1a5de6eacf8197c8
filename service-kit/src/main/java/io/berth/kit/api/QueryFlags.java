package io.berth.kit.api;

import java.util.Locale;
import java.util.Set;

/**
 * Docker's reading of boolean query parameters: {@code ""}, {@code 0}, {@code no}, {@code false}, {@code none} are
 * false, anything else is true. Clients send {@code 1} (Go), {@code True} (docker-py), {@code true} (docker-java).
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/api/server/httputils/form.go">moby httputils.BoolValue</a>
 */
public final class QueryFlags {
    private static final Set<String> FALSE = Set.of("", "0", "no", "false", "none");

    private QueryFlags() {
    }

    public static boolean isTrue(String value) {
        return value != null && !FALSE.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
