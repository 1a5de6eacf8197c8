package io.berth.image.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry front that speaks the Docker token flow (Debian's docker-registry needs a token server for it): {@code /v2/}
 * answers 401 with a Bearer challenge naming its own {@code /token} realm, which gives a token for alice's password
 * (and a refresh token, offline) or for the refresh token; calls with the token are passed to a real registry.
 */
final class TokenRegistry implements AutoCloseable {
    static final String REFRESH = "refresh-for-alice";
    private static final String TOKEN = "token-for-alice";

    private final HttpServer server;
    private final String backend;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    TokenRegistry(String backend) throws IOException {
        this.backend = backend;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + address();
    }

    List<String> scopes() {
        return scopes;
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (exchange.getRequestMethod().equals("POST")) {
            query = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        }
        String scope = parameter(query, "scope");
        if (scope != null) {
            scopes.add(scope);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        boolean byPassword = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean byRefresh = REFRESH.equals(parameter(query, "refresh_token"));
        if (!byPassword && !byRefresh) {
            send(exchange, 401, "{}");
            return;
        }
        boolean offline = "true".equals(parameter(query, "offline_token"));
        send(exchange, 200, "{\"token\":\"" + TOKEN + "\"" + (offline ? ",\"refresh_token\":\"" + REFRESH + "\"" : "") + "}");
    }

    private void registry(HttpExchange exchange) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\",service=\"berth-test\"");
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            return;
        }
        RegistryProxy.forward(client, backend, exchange, Long.MAX_VALUE);
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
