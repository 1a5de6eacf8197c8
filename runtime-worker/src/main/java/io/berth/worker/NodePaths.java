package io.berth.worker;

import io.berth.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Where each piece of node state lives under the state root (see runtime-worker/README.md, "State layout"). */
@ApplicationScoped
public class NodePaths {
    private final Path root;

    @Inject
    public NodePaths(WorkerConfig config) {
        this(Path.of(config.stateRoot()));
    }

    public NodePaths(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** Unpacked layers, one directory per chain id: {@code layers/<hex>/diff}. */
    public Path layers() {
        return root.resolve("layers");
    }

    /** One directory per container: bundle, overlay dirs, log, meta. */
    public Path containers() {
        return root.resolve("containers");
    }

    public Path container(String id) {
        return containers().resolve(id);
    }

    /** conmon's exit directory: a file named by container id holding the exit code. */
    public Path exits() {
        return root.resolve("exits");
    }

    public Path exitFile(String id) {
        return exits().resolve(id);
    }

    /** Exec sessions, one directory per exec id: {@code execs/<id>/} (short, for conmon's attach socket). */
    public Path execs() {
        return root.resolve("execs");
    }

    /** Local volumes, one directory per tenant and name: {@code volumes/<tenant>/<name>/_data} holds the data. */
    public Path volumes() {
        return root.resolve("volumes");
    }

    /** The directory of one tenant's volume; its data is in {@code _data} below it, as in Docker's local driver. */
    public Path volume(String tenant, String name) {
        return volumes().resolve(tenant).resolve(name);
    }

    /** The OCI runtime's own state ({@code runc --root}). */
    public Path runtimeState() {
        return root.resolve("runtime");
    }

    /** Scratch space for downloads and half-unpacked layers; on the same filesystem so renames are atomic. */
    public Path tmp() {
        return root.resolve("tmp");
    }
}
