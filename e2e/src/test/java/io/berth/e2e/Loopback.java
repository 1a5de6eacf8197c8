package io.berth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** This machine's loopback, where published ports answer: a free port to publish on, and pages fetched from it. */
final class Loopback {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Loopback() {
    }

    /** A port nothing listens on now (the kernel's pick), for a {@code host:container} publication. */
    static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body of {@code GET http://127.0.0.1:<port><path>}, retried while nothing answers or the answer is not 200
     * (a server coming up, or its database not yet); fails with the last answer after {@code patience}.
     */
    static String get(int port, String path, Duration patience) {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        Instant deadline = Instant.now().plus(patience);
        String last = "nothing answered";
        while (true) {
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return answer.body();
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("GET " + uri + " did not answer 200 in " + patience + ": " + last);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
