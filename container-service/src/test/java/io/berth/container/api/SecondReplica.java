package io.berth.container.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A second container-service, the packaged jar in a JVM of its own, on the test application's database, broker and
 * stand-ins: two replicas as a Deployment runs them. Only the test application consumes node facts, so every exit is
 * applied there and this replica learns of it as any other replica would.
 */
final class SecondReplica implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final Process process;
    private final URI base;
    private final Path log;

    private SecondReplica(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static SecondReplica start(String bootstrapServers) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with mvn verify (package first)");
        }
        var config = ConfigProvider.getConfig();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("second-replica", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx256m",
                // Only the test application applies exits; this replica learns of them as the others do.
                "-Dmp.messaging.incoming.node-facts.enabled=false",
                // The test application's stand-ins hold other tests' leftovers; this replica leaves them alone.
                "-Dberth.container.reconcile-interval=PT1H",
                "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("BERTH_BIND_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("BERTH_DB_URL", config.getValue("quarkus.datasource.reactive.url", String.class));
        env.put("BERTH_DB_USER", config.getValue("quarkus.datasource.username", String.class));
        env.put("BERTH_DB_PASSWORD", config.getValue("quarkus.datasource.password", String.class));
        env.put("BERTH_KAFKA_BOOTSTRAP", bootstrapServers);
        env.put("BERTH_IMAGE_SERVICE_URL", config.getValue("quarkus.rest-client.image-service.url", String.class));
        env.put("BERTH_WORKER_URL", config.getValue("quarkus.rest-client.worker.url", String.class));
        env.put("BERTH_VOLUME_SERVICE_URL", config.getValue("quarkus.rest-client.volume-service.url", String.class));
        env.put("BERTH_NETWORK_SERVICE_URL", config.getValue("quarkus.rest-client.network-service.url", String.class));
        env.put("BERTH_INSTANCE_ID", "second-replica");
        SecondReplica replica = new SecondReplica(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        replica.awaitReady();
        return replica;
    }

    URI base() {
        return base;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second replica exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the second replica was not ready in 60 s:\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
