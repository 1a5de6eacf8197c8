package io.berth.image.pull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} challenge (RFC 7235): {@code Basic realm="…"} or the Docker token flow's
 * {@code Bearer realm="https://auth…/token",service="registry",scope="repository:x:pull"}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token authentication</a>
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9_-]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    /** The challenge in a header value; empty when there is none or it is not one Berth can answer. */
    public static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (space > 0) {
            Matcher matcher = PARAMETER.matcher(value.substring(space + 1));
            while (matcher.find()) {
                String quoted = matcher.group(2);
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT),
                        quoted != null ? quoted.replaceAll("\\\\(.)", "$1") : matcher.group(3));
            }
        }
        return switch (scheme) {
            case "basic", "bearer" -> Optional.of(new AuthChallenge(scheme, Map.copyOf(parameters)));
            default -> Optional.empty();
        };
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
