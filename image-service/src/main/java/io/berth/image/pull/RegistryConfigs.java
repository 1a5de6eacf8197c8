package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What a build request carries in {@code X-Registry-Config} (moby's {@code AuthConfigs}: base64url JSON of
 * registry → AuthConfig, every registry the client has credentials for, {@code e30=} for none), and the credentials
 * for one registry out of it. Keys are written as the CLI keeps them ({@code https://index.docker.io/v1/},
 * {@code host:port}, {@code https://host:port}); Docker Hub's names all mean {@code docker.io}. Missing or unreadable
 * means anonymous, as dockerd decodes it.
 */
public final class RegistryConfigs {
    public static final RegistryConfigs NONE = new RegistryConfigs(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, RegistryCredentials> byDomain;

    private RegistryConfigs(Map<String, RegistryCredentials> byDomain) {
        this.byDomain = byDomain;
    }

    public static RegistryConfigs fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        try {
            String clean = header.strip().replace('+', '-').replace('/', '_').replace("=", "");
            JsonNode configs = JSON.readTree(new String(Base64.getUrlDecoder().decode(clean), StandardCharsets.UTF_8));
            Map<String, RegistryCredentials> byDomain = new HashMap<>();
            configs.fields().forEachRemaining(entry -> {
                String encoded = Base64.getUrlEncoder().encodeToString(entry.getValue().toString()
                        .getBytes(StandardCharsets.UTF_8));
                byDomain.put(domain(entry.getKey()), RegistryCredentials.fromHeader(encoded));
            });
            return new RegistryConfigs(byDomain);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return NONE;
        }
    }

    /** The credentials for the registry {@code domain} ({@code docker.io}, {@code host:port}); anonymous when none. */
    public RegistryCredentials forDomain(String domain) {
        return byDomain.getOrDefault(domain(domain), RegistryCredentials.ANONYMOUS);
    }

    /** A registry key as a bare domain: no scheme, no path; Docker Hub's names as {@code docker.io}. */
    static String domain(String key) {
        String d = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = d.indexOf('/');
        d = slash < 0 ? d : d.substring(0, slash);
        return switch (d) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> d;
        };
    }
}
