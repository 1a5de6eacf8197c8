package io.berth.worker.containers;

import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Mount;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import io.berth.worker.Exec;
import io.berth.worker.build.UpperDiff;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.state.ContainerDir;
import io.berth.worker.state.ContainerMeta;
import io.berth.worker.state.MetaStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A container's change to its image ({@code docker commit}): its overlay's upper dir as a layer tar, through the same
 * {@link UpperDiff} a build step's change takes, without the mount points the runtime made for the spec's mounts. A
 * running container is frozen while its files are read when asked, as dockerd's commit pauses it.
 */
@ApplicationScoped
public class ContainerDiff {
    private static final Logger LOG = Logger.getLogger(ContainerDiff.class);
    private final MetaStore metas;
    private final RunStatuses statuses;
    private final OciRuntime runtime;

    ContainerDiff(MetaStore metas, RunStatuses statuses, OciRuntime runtime) {
        this.metas = metas;
        this.statuses = statuses;
        this.runtime = runtime;
    }

    /** Whether the runtime says the container's run is frozen ({@code docker pause}). */
    private boolean frozen(String id) {
        Exec.Result state = runtime.state(id);
        return state.ok() && state.output().contains("\"paused\"");
    }

    /** One path {@code docker diff} lists: its kind 0 changed, 1 added, 2 deleted (moby's archive.ChangeType). */
    public record Change(@com.fasterxml.jackson.annotation.JsonProperty("Path") String path,
            @com.fasterxml.jackson.annotation.JsonProperty("Kind") int kind) {
    }

    /**
     * {@code docker diff}: the same change {@link #write} takes ({@code docker commit}'s), read back entry by entry:
     * a whiteout is a deleted path, any other entry an added one, or a changed one where a layer below has it.
     */
    public List<Change> changes(TenantId tenant, String id) {
        ContainerMeta meta = metas.owned(tenant, id);
        java.util.List<java.nio.file.Path> lowers = meta.lowerPaths();
        java.util.List<Change> changes = new java.util.ArrayList<>();
        try (java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 16)) {
            java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(in);
            java.util.concurrent.CompletableFuture<Void> writing = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (pipe) {
                    write(tenant, id, false, pipe);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream tar =
                    new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
                for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    String name = entry.getName().endsWith("/") ? entry.getName().substring(0, entry.getName().length() - 1)
                            : entry.getName();
                    int slash = name.lastIndexOf('/');
                    String base = name.substring(slash + 1);
                    String parent = slash < 0 ? "" : name.substring(0, slash + 1);
                    if (base.equals(".wh..wh..opq")) {
                        continue;
                    }
                    if (base.startsWith(".wh.")) {
                        changes.add(new Change("/" + parent + base.substring(4), 2));
                        continue;
                    }
                    boolean below = lowers.stream().anyMatch(lower -> Files.exists(lower.resolve(name),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS));
                    changes.add(new Change("/" + name, below ? 0 : 1));
                }
                // What tar may still write after its end-of-archive blocks.
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            writing.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the change of container " + id, e);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return changes;
    }

    /** Writes the tenant's container's change to {@code out}; 404 for an absent container or another tenant's. */
    public void write(TenantId tenant, String id, boolean pause, OutputStream out) {
        ContainerMeta meta = metas.owned(tenant, id);
        ContainerDir dir = metas.dir(id);
        Spec spec;
        try {
            spec = SpecJson.read(Files.readAllBytes(dir.config()));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable bundle of container " + id, e);
        }
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        Set<String> leaveOut = UpperDiff.madeForMounts(mounts, dir.upper(), meta.lowerPaths());
        boolean paused = false;
        // A container its user paused stays as it is: frozen already, and not to be thawed after.
        if (pause && statuses.of(tenant, id).running() && !frozen(id)) {
            Exec.Result frozen = runtime.pause(id);
            // A run that ended meanwhile cannot be frozen, and needs not be.
            paused = frozen.ok();
            if (!paused && statuses.of(tenant, id).running()) {
                throw new InternalException("cannot pause container " + id + ": " + frozen.output().strip());
            }
        }
        try {
            UpperDiff.write(dir.upper(), leaveOut, out, "container: " + id);
        } finally {
            if (paused) {
                Exec.Result thawed = runtime.resume(id);
                if (!thawed.ok()) {
                    LOG.warnf("cannot resume container %s after its commit: %s", id, thawed.output());
                }
            }
        }
    }
}
