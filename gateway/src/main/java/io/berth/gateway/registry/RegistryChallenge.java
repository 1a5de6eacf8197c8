package io.berth.gateway.registry;

/**
 * The {@code WWW-Authenticate} value of a 401 from Berth's registry: {@code Basic} (a {@code docker login} user and
 * password on every call) or {@code Bearer} with the token service's realm (the Docker token flow: the client fetches
 * a token for the named scope from {@code realm} with its credentials, then calls again with {@code Bearer <token>}).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker registry token authentication</a>
 */
public record RegistryChallenge(String value) {
    public static RegistryChallenge basic(String realm) {
        return new RegistryChallenge("Basic realm=\"" + quoted(realm) + "\"");
    }

    /** A token challenge; {@code scope} is null for the base endpoint. */
    public static RegistryChallenge bearer(String realm, String service, RegistryScope scope) {
        return new RegistryChallenge("Bearer realm=\"" + quoted(realm) + "\",service=\"" + quoted(service) + "\""
                + (scope == null ? "" : ",scope=\"" + quoted(scope.toString()) + "\""));
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
