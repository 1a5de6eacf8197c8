package io.berth.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The runtime worker's settings, all under {@code berth.worker}. */
@ConfigMapping(prefix = "berth.worker")
public interface WorkerConfig {
    /** Directory holding every piece of node state: layers, containers, exit files, runtime state. */
    @WithDefault("/var/lib/berth")
    String stateRoot();

    /** Base URL of image-service, whose internal registry read path ({@code /internal/v2/}) serves manifests and blobs. */
    @WithDefault("http://127.0.0.1:8082")
    URI imageServiceUrl();

    /** OCI runtime: {@code auto} (crun on a pure cgroup v2 host, runc otherwise), {@code crun} or {@code runc}. */
    @WithDefault("auto")
    String ociRuntime();

    /** The conmon binary, a name looked up on PATH or an absolute path. */
    @WithDefault("conmon")
    String conmon();

    /** This node's name, as written in every runtime fact the worker reports. */
    @WithDefault("local")
    String node();

    /** Kafka topic for runtime facts (exits). */
    @WithDefault("berth.nodes")
    String nodesTopic();

    /** Longest wait for one answer from image-service (a manifest, or the start of a blob). */
    @WithDefault("30s")
    Duration fetchTimeout();

    /** How often the exit reporter rescans the exit directory, also retrying reports Kafka did not take. */
    @WithDefault("2s")
    Duration exitRescan();
}
