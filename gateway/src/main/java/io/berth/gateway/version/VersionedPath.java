package io.berth.gateway.version;

import io.berth.kit.api.ApiVersion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path split into its optional {@code /v1.NN} prefix and the path the services know. dockerd registers
 * every route with and without the prefix (moby api/server/server.go {@code versionMatcher}), so both must work.
 */
public record VersionedPath(ApiVersion version, String path) {
    private static final Pattern PREFIX = Pattern.compile("^/v([0-9]+\\.[0-9]+)(/.*)?$");
    private static final Pattern SEGMENT = Pattern.compile("v[0-9]+\\.[0-9]+");

    /** Splits the path; an unversioned call is served at {@link ApiVersion#DEFAULT}. A bad version fails with 400. */
    public static VersionedPath of(String rawPath) {
        Matcher matcher = PREFIX.matcher(rawPath);
        if (!matcher.matches()) {
            return new VersionedPath(ApiVersion.DEFAULT, rawPath);
        }
        String rest = matcher.group(2) == null ? "/" : matcher.group(2);
        return new VersionedPath(ApiVersion.parse(matcher.group(1)).requireSupported(), rest);
    }

    /** Whether a path segment is a version prefix such as {@code v1.47} (never {@code v2}, the registry's). */
    public static boolean isVersionSegment(String segment) {
        return SEGMENT.matcher(segment).matches();
    }
}
