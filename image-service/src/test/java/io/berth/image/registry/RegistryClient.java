package io.berth.image.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A bare HTTP client for registry tests: exact methods, headers and bodies, as a registry client sends them. */
final class RegistryClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String tenant;

    RegistryClient(URI base, String tenant) {
        this.base = base;
        this.tenant = tenant;
    }

    RegistryClient as(String otherTenant) {
        return new RegistryClient(base, otherTenant);
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Berth-Tenant", tenant);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path) {
        return send("GET", path, null, Map.of());
    }

    HttpResponse<byte[]> head(String path) {
        return send("HEAD", path, null, Map.of());
    }

    HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, null, Map.of());
    }
}
