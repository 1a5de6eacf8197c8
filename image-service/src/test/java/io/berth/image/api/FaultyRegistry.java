package io.berth.image.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A registry front that misbehaves on demand before a real registry: it answers 500 to manifest requests (a pull's
 * GET, a push's PUT), or sends
 * the first 4 KiB of the next layer and then hangs (the connection stays open, no byte follows), as a failing or stuck registry
 * does; otherwise it passes every call through.
 */
final class FaultyRegistry implements AutoCloseable {
    private final HttpServer server;
    private final String backend;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean failManifests = new AtomicBoolean();
    private final AtomicBoolean stallNextBlob = new AtomicBoolean();
    private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();

    FaultyRegistry(String backend) throws IOException {
        this.backend = backend;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/", this::registry);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void failManifests(boolean fail) {
        failManifests.set(fail);
    }

    void stallNextBlob() {
        stallNextBlob.set(true);
    }

    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (failManifests.get() && path.contains("/manifests/")) {
            byte[] body = "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        // A blob bigger than a few KiB: the image's config goes through whole, a layer hangs.
        boolean stall = path.contains("/blobs/") && exchange.getRequestMethod().equals("GET") && stallNextBlob.get();
        if (!RegistryProxy.forward(client, backend, exchange, stall ? 4096 : Long.MAX_VALUE)) {
            stallNextBlob.set(false);
            hanging.add(exchange);
        }
    }

    @Override
    public void close() {
        hanging.forEach(HttpExchange::close);
        server.stop(0);
    }
}
