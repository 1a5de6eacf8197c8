package io.berth.image.service;

import io.berth.image.ImageReference;
import io.berth.image.config.ImageServiceConfig;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RegistryEndpoints;
import io.berth.image.pull.RegistrySession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code docker login} ({@code POST /auth}): checks credentials against the registry the server address names, as
 * dockerd does (moby registry/auth.go loginV2), and answers the identity token the registry gives, if any. Berth keeps
 * nothing: the CLI stores the credentials and sends them with each pull and push.
 */
@ApplicationScoped
public class RegistryLogin {
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private final RegistryEndpoints endpoints;
    private final ImageServiceConfig config;

    RegistryLogin(RegistryEndpoints endpoints, ImageServiceConfig config) {
        this.endpoints = endpoints;
        this.config = config;
    }

    /** The identity token (empty when the registry gives none); fails with dockerd's words when refused. */
    public Uni<String> login(String serverAddress, RegistryCredentials credentials) {
        String domain = domain(serverAddress);
        return Uni.createFrom().item(() -> new RegistrySession(endpoints.of(domain, true), "", "", credentials,
                config.registries().timeout()).login()).runSubscriptionOn(THREADS).emitOn(Infrastructure.getDefaultExecutor());
    }

    /** The registry a server address names: Docker Hub's v1 URL, a URL or a bare {@code host:port}. */
    static String domain(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return ImageReference.DEFAULT_DOMAIN;
        }
        String address = serverAddress.strip().replaceFirst("^[a-zA-Z]+://", "");
        int slash = address.indexOf('/');
        if (slash >= 0) {
            address = address.substring(0, slash);
        }
        return switch (address) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageReference.DEFAULT_DOMAIN;
            default -> address;
        };
    }
}
