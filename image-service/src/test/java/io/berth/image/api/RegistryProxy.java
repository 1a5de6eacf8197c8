package io.berth.image.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Passes a call a test front received on to a real registry, and its answer back. */
final class RegistryProxy {
    private RegistryProxy() {
    }

    /**
     * Forwards the exchange to {@code backend}; the answer's first {@code sendAtMost} bytes of body are sent and the
     * exchange is then left open (a registry that hangs mid-blob), all of it when the body is no longer.
     *
     * @return whether the whole body was sent
     */
    static boolean forward(HttpClient client, String backend, HttpExchange exchange, long sendAtMost) throws IOException {
        byte[] sent = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), sent.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sent));
        for (String header : List.of("Accept", "Content-Type", "Content-Range")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // The server sets Content-Length itself for a body; a HEAD answer carries the registry's.
        for (String header : head ? List.of("Content-Type", "Docker-Content-Digest", "Content-Length", "Range")
                : List.of("Content-Type", "Docker-Content-Digest", "Range", "Docker-Upload-UUID")) {
            answer.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().add(header, value));
        }
        // An upload's next URL, absolute or not, must lead back through the front.
        answer.headers().firstValue("Location").ifPresent(location -> exchange.getResponseHeaders().add("Location",
                location.replace(backend, "http://" + exchange.getRequestHeaders().getFirst("Host"))));
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), head || body.length == 0 ? -1 : body.length);
        if (head) {
            exchange.close();
            return true;
        }
        OutputStream out = exchange.getResponseBody();
        if (body.length > sendAtMost) {
            out.write(body, 0, (int) sendAtMost);
            out.flush();
            return false;
        }
        try (out) {
            out.write(body);
        }
        return true;
    }
}
