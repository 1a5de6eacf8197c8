package io.berth.gateway.registry;

import io.berth.gateway.config.GatewayConfig;
import io.berth.gateway.edge.EdgeTimeouts;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Berth's registry on a port of its own (ARCHITECTURE: {@code 127.0.0.1:5000}), a second listener of the gateway:
 * Docker's and OCI clients address a registry by host and port and speak {@code /v2/} at its root, so it cannot share
 * the Docker API's port. Bound at start; a port that is taken fails the gateway's start, saying which.
 */
@ApplicationScoped
public class RegistryListener {
    private static final Logger LOG = Logger.getLogger(RegistryListener.class);

    private final Vertx vertx;
    private final RegistryEdge edge;
    private final EdgeTimeouts timeouts;
    private final GatewayConfig.Registry config;
    private volatile HttpServer server;

    RegistryListener(Vertx vertx, RegistryEdge edge, EdgeTimeouts timeouts, GatewayConfig config) {
        this.vertx = vertx;
        this.edge = edge;
        this.timeouts = timeouts;
        this.config = config.registry();
    }

    void start(@Observes StartupEvent event) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                // Registry clients send long Authorization headers (tokens) and query strings.
                .setMaxInitialLineLength(65536).setMaxHeaderSize(1024 * 1024);
        timeouts.customizeHttpServer(options);
        HttpServer created = vertx.createHttpServer(options).requestHandler(edge::handle);
        try {
            server = created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the registry cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the registry listener", e);
        }
        LOG.infof("registry listening on %s:%d", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    /** The port it listens on (the configured one, or the one the system chose for 0). */
    public int port() {
        return server.actualPort();
    }
}
