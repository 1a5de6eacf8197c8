package io.berth.gateway.registry;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a registry call asks to do, in the Docker token flow's words: {@code repository:<name>:<actions>}, where pull is
 * reading, push writing (uploads, manifest and tag pushes) and delete deleting. The base {@code /v2/} asks for no
 * repository (a client checks there whether it may talk to the registry at all). The token flow's challenge names this
 * scope, so a client asks its token service for exactly it.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">Docker token scope and access</a>
 */
public record RegistryScope(String repository, List<String> actions) {
    private static final Pattern REPOSITORY_PATH = Pattern.compile(
            "/v2/(.+)/(?:manifests/[^/]+|blobs/uploads/?[^/]*|blobs/[^/]+|tags/list|referrers/[^/]+)");

    /** The scope of {@code method} on {@code path} (canonical, {@code /v2/...}); empty for the base and unknown paths. */
    public static Optional<RegistryScope> of(HttpMethod method, String path) {
        Matcher matcher = REPOSITORY_PATH.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> actions;
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            actions = List.of("pull");
        } else if (method == HttpMethod.DELETE && !path.contains("/blobs/uploads/")) {
            actions = List.of("delete");
        } else {
            // A push reads too: a client HEADs its blobs and mounts from other repositories while it writes.
            actions = List.of("pull", "push");
        }
        return Optional.of(new RegistryScope(matcher.group(1), actions));
    }

    @Override
    public String toString() {
        return "repository:" + repository + ":" + String.join(",", actions);
    }
}
