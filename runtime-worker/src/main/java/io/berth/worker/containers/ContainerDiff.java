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
        if (pause && statuses.of(tenant, id).running()) {
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
