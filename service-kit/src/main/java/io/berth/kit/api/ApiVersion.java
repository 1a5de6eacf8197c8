package io.berth.kit.api;

import io.berth.kit.errors.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version such as {@code 1.47}; the gateway serves {@link #MIN} to {@link #MAX} and passes the
 * caller's on to the services ({@code X-Berth-Api-Version}). Version gates are named constants of this type where
 * they are used ({@code MIN_API_PRUNE_ANONYMOUS_ONLY = ApiVersion.of(1, 42)}), never bare strings.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/#api-version-matrix">API version matrix</a>
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The oldest version dockerd 28 still serves (moby api/common.go MinSupportedAPIVersion). */
    public static final ApiVersion MIN = of(1, 24);
    /** The version Berth implements and advertises in {@code Api-Version}: Docker Engine 27.x. */
    public static final ApiVersion MAX = of(1, 47);
    /** What an unversioned call is served at: dockerd treats a path without {@code /v1.NN} as its default version. */
    public static final ApiVersion DEFAULT = MAX;

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative API version " + major + "." + minor);
        }
    }

    /** A version from its two numbers. */
    public static ApiVersion of(int major, int minor) {
        return new ApiVersion(major, minor);
    }

    /** Parses {@code 1.47}; 400 for anything else. */
    public static ApiVersion parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new InvalidParameterException("invalid API version: " + text);
        }
        return of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * This version, or Docker's 400 when it lies outside what the gateway serves, with dockerd's exact words
     * (moby api/server/middleware/version.go).
     */
    public ApiVersion requireSupported() {
        if (isBefore(MIN)) {
            throw new InvalidParameterException("client version " + this + " is too old. Minimum supported API version is "
                    + MIN + ", please upgrade your client to a newer version");
        }
        if (compareTo(MAX) > 0) {
            throw new InvalidParameterException("client version " + this + " is too new. Maximum supported API version is " + MAX);
        }
        return this;
    }

    public boolean isBefore(ApiVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
