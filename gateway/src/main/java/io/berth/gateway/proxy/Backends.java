package io.berth.gateway.proxy;

import io.berth.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which service owns a path, by its first segment (docs/internal-api.md, "Gateway routing"); one exception:
 * {@code /networks/{id}/connect} and {@code /disconnect} change a container's networks and are container-service's.
 */
@ApplicationScoped
public class Backends {
    private static final java.util.regex.Pattern CONTAINER_NETWORK_VERBS =
            java.util.regex.Pattern.compile("/networks/[^/]+/(connect|disconnect)");
    private final Map<String, Backend> byPrefix = new LinkedHashMap<>();

    Backends(GatewayConfig config) {
        GatewayConfig.Backends urls = config.backends();
        add("container-service", urls.containers(), "containers", "exec", "commit");
        // /v2 is the registry's, on its own port (registry/RegistryEdge); dockerd's API port has no /v2 either.
        add("image-service", urls.images(), "images", "build", "auth", "distribution");
        add("volume-service", urls.volumes(), "volumes");
        add("network-service", urls.networks(), "networks");
    }

    /** image-service, which serves the registry port's {@code /v2}. */
    public Backend registry() {
        return byPrefix.get("images");
    }

    /** The owner of {@code path}, or empty for a path no service serves. */
    public Optional<Backend> owner(String path) {
        if (CONTAINER_NETWORK_VERBS.matcher(path).matches()) {
            return Optional.ofNullable(byPrefix.get("containers"));
        }
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(1) : path.substring(1, end);
        return Optional.ofNullable(byPrefix.get(first));
    }

    private void add(String name, URI url, String... prefixes) {
        Backend backend = new Backend(name, url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        for (String prefix : prefixes) {
            byPrefix.put(prefix, backend);
        }
    }

    /** One service: its name for error messages, and where it listens. */
    public record Backend(String name, String host, int port) {
    }
}
