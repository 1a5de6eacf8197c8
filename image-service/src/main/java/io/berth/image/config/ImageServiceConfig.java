package io.berth.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** image-service's own settings, under {@code berth.image}. */
@ConfigMapping(prefix = "berth.image")
public interface ImageServiceConfig {
    /** Root of the blob store; blobs live in {@code <root>/blobs/sha256/<hex>}. */
    @WithDefault("/var/lib/berth/images")
    Path blobRoot();

    /**
     * The port of Berth's own registry (the gateway's registry listener): a push to {@code 127.0.0.1}, {@code localhost}
     * or {@code [::1]} at this port links the tenant's blobs into its registry instead of sending their bytes.
     */
    @WithDefault("5000")
    int registryPort();

    /** How other registries are reached (pull, push): dockerd's registry options. */
    Registries registries();

    /** The image made locally when a new installation has none. */
    Seed seed();

    /** Where Dockerfile builds run their RUN steps. */
    Build build();

    /** Dockerfile builds. */
    interface Build {
        /** The runtime worker that runs RUN steps (one node today: the scheduler's choice once there are more). */
        @WithDefault("http://127.0.0.1:8085")
        java.net.URI workerUrl();
    }

    /** How the {@code busybox:latest} seed image is made. */
    interface Seed {
        /** Whether to make {@code busybox:latest} for tenant {@code default} when that tenant has no image. */
        @WithDefault("true")
        boolean enabled();

        /** The statically linked busybox binary (Debian's busybox-static) the seed image is made of. */
        @WithDefault("/bin/busybox")
        Path busybox();
    }

    /** dockerd's {@code registry-mirrors}, {@code insecure-registries} and {@code certs.d}. */
    interface Registries {
        /** Mirrors of Docker Hub, tried in order before it (URLs, e.g. {@code https://mirror.example}). */
        Optional<List<String>> mirrors();

        /**
         * Registries ({@code host:port} or {@code host}) reached over HTTPS without checking the certificate, or
         * plain HTTP; loopback ones always are, as in Docker.
         */
        Optional<List<String>> insecure();

        /** Per-registry CA certificates: {@code <dir>/<host:port>/ca.crt} (PEM), as Docker's certs.d. */
        @WithDefault("/var/lib/berth/certs.d")
        Path certsDir();

        /** How long a registry may take to connect or to start answering. */
        @WithDefault("30s")
        Duration timeout();

        /** How long a download may go without a byte before it is given up. */
        @WithDefault("60s")
        Duration stallTimeout();
    }
}
