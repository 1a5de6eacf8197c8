package io.berth.network.service;

import io.berth.kit.api.DockerFilters;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * moby's {@code Args.Match} and {@code Args.ExactMatch} over {@link DockerFilters}. Kept here rather than in
 * service-kit so this module builds against the kit as released; volume-service has the same two functions.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/api/types/filters/parse.go">moby filters.Args</a>
 */
final class FilterMatch {
    private FilterMatch() {
    }

    /**
     * True without values for the key, else when a value equals {@code source} or, read as a regular expression,
     * occurs in it ({@code name=app} matches {@code proj_app_default}). A value that is no valid expression only matches
     * exactly: Go skips the compile error.
     */
    static boolean match(DockerFilters filters, String key, String source) {
        if (!filters.has(key)) {
            return true;
        }
        for (String wanted : filters.get(key)) {
            if (wanted.equals(source)) {
                return true;
            }
            try {
                if (Pattern.compile(wanted).matcher(source).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // Not an expression: only the exact comparison above counts.
            }
        }
        return false;
    }

    /** True without values for the key, else when one value equals {@code source}. */
    static boolean exactMatch(DockerFilters filters, String key, String source) {
        return !filters.has(key) || filters.get(key).contains(source);
    }
}
