package io.berth.gateway.api;

import io.berth.kit.api.ApiVersion;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Set;

/**
 * The headers dockerd puts on every response, own or proxied (moby api/server/middleware/version.go,
 * experimental.go; surface §1.2): the Go client negotiates its API version from {@code Api-Version}.
 */
public final class DockerHeaders {
    public static final String SERVER = "Berth/" + BerthRelease.VERSION + " (linux)";
    private static final Set<String> NAMES = Set.of("server", "api-version", "ostype", "docker-experimental");

    private DockerHeaders() {
    }

    public static void stamp(HttpServerResponse response) {
        stamp(response.headers());
    }

    public static void stamp(MultiMap headers) {
        headers.set("Server", SERVER)
                .set("Api-Version", ApiVersion.MAX.toString())
                .set("Ostype", "linux")
                .set("Docker-Experimental", "false");
    }

    /** Whether a service's header would clash with one the gateway stamps; the gateway's wins. */
    public static boolean isStamped(String header) {
        return NAMES.contains(header.toLowerCase(Locale.ROOT));
    }
}
