package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client sends in {@code X-Registry-Auth} (moby api/types/registry AuthConfig, base64url JSON): a user name and
 * password, or an identity token (a refresh token from {@code docker login}), or a registry token to send as it is.
 * A header that is missing, empty or unreadable means anonymous, as dockerd decodes it.
 */
public record RegistryCredentials(String username, String password, String identityToken, String registryToken) {
    public static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The credentials in an {@code X-Registry-Auth} header (standard or URL-safe base64, padded or not). */
    public static RegistryCredentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        try {
            String clean = header.strip().replace('+', '-').replace('/', '_').replace("=", "");
            JsonNode auth = JSON.readTree(new String(Base64.getUrlDecoder().decode(clean), StandardCharsets.UTF_8));
            String username = text(auth, "username");
            String password = text(auth, "password");
            String basic = text(auth, "auth");
            if (username == null && basic != null) {
                // The legacy "auth" field: base64 of "user:password", as in ~/.docker/config.json.
                String[] pair = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8).split(":", 2);
                username = pair[0];
                password = pair.length > 1 ? pair[1] : "";
            }
            return new RegistryCredentials(username, password, text(auth, "identitytoken"), text(auth, "registrytoken"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return ANONYMOUS;
        }
    }

    /** Whether there is a user name and password to answer a Basic challenge or a token realm with. */
    public boolean hasPassword() {
        return username != null && !username.isEmpty() && password != null;
    }

    /** The {@code Authorization: Basic …} value for the user name and password. */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode auth, String field) {
        JsonNode value = auth.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + (username == null ? "anonymous" : username) + "]";
    }
}
