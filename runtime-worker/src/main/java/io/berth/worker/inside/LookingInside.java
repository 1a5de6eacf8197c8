package io.berth.worker.inside;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.tenant.TenantId;
import io.berth.worker.containers.Bundles;
import io.berth.worker.containers.RunStatuses;
import io.berth.worker.runtime.OciRuntime;
import io.berth.worker.state.MetaStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.util.Map;

/**
 * What a client sees of a container's inside without entering it: its processes ({@code docker top}), a reading of
 * its cgroup's counters ({@code docker stats}) and its root filesystem ({@code docker export}). Which container may
 * be asked is container-service's rule; the node refuses what it cannot answer (409 without a live run).
 */
@ApplicationScoped
public class LookingInside {
    private final MetaStore metas;
    private final RunStatuses statuses;
    private final OciRuntime runtime;
    private final Bundles bundles;

    LookingInside(MetaStore metas, RunStatuses statuses, OciRuntime runtime, Bundles bundles) {
        this.metas = metas;
        this.statuses = statuses;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    /** Docker's {@code ContainerTopOKBody} for the live run's processes. */
    public ProcessTable.Top top(TenantId tenant, String id, String psArgs) {
        return ProcessTable.of(psArgs, liveCgroup(tenant, id).pids());
    }

    /** One reading of the live run's counters, in Docker's stats shape. */
    public Map<String, Object> stats(TenantId tenant, String id) {
        return CgroupStats.read(liveCgroup(tenant, id));
    }

    /** Writes the container's root filesystem as a tar to {@code out}. */
    public void export(TenantId tenant, String id, OutputStream out) {
        RootExport.write(bundles.mountedRoot(tenant, id), out, "container " + id);
    }

    private ContainerCgroup liveCgroup(TenantId tenant, String id) {
        if (!statuses.of(tenant, id).running()) {
            throw new ConflictException("Container " + id + " is not running");
        }
        return new ContainerCgroup(runtime.cgroups(), id);
    }
}
