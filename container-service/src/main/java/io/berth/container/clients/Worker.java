package io.berth.container.clients;

import io.berth.container.ImageFacts;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Spec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The runtime worker of the node a container is on; one node for now, so one worker. */
@ApplicationScoped
public class Worker {
    private final WorkerClient client;

    Worker(@RestClient WorkerClient client) {
        this.client = client;
    }

    /** The node name recorded on each container. */
    public String node() {
        return "local";
    }

    public Uni<Void> create(TenantId tenant, String id, String name, ImageFacts image, Spec spec) {
        return create(tenant, id, name, image, spec, new WorkerCreateRequest.MountSources(null, null), "private",
                WorkerCreateRequest.Stdio.of(io.berth.container.ContainerStdio.none()));
    }

    /**
     * The same, with what the node does for the spec's bind mounts (copy-up, missing sources made) and the network
     * namespace its runs have (docs/internal-api.md).
     */
    public Uni<Void> create(TenantId tenant, String id, String name, ImageFacts image, Spec spec,
            WorkerCreateRequest.MountSources mounts, String network, WorkerCreateRequest.Stdio stdio) {
        WorkerCreateRequest request = new WorkerCreateRequest(name,
                new WorkerCreateRequest.ImageLocation(image.repository(), image.manifestDigest()), spec, mounts, network,
                stdio);
        return Remote.guard(Remote.WORKER, client.create(tenant.value(), id, request));
    }

    /** Starts run {@code run} of the container: container-service numbers the runs, the worker only records it. */
    public Uni<WorkerRunStatus> start(TenantId tenant, String id, long run) {
        return Remote.guard(Remote.WORKER, client.start(tenant.value(), id, run));
    }

    /** Starts run {@code run} on networks: the worker sets the plan's endpoints up before the process starts. */
    public Uni<WorkerRunStatus> start(TenantId tenant, String id, long run, WorkerNetworkPlan network) {
        return Remote.guard(Remote.WORKER, network == null ? client.start(tenant.value(), id, run)
                : client.start(tenant.value(), id, run, network));
    }

    /** Resizes the live run's terminal; 409 when no run lives. */
    public Uni<Void> resize(TenantId tenant, String id, int height, int width) {
        return Remote.guard(Remote.WORKER, client.resize(tenant.value(), id, height, width));
    }

    /** The live run joins one more network. */
    public Uni<Void> connect(TenantId tenant, String id, NetworkAttachment attachment) {
        return Remote.guard(Remote.WORKER, client.connect(tenant.value(), id, attachment.network().id(), attachment));
    }

    /** The live run leaves one network. */
    public Uni<Void> disconnect(TenantId tenant, String id, String networkId) {
        return Remote.guard(Remote.WORKER, client.disconnect(tenant.value(), id, networkId));
    }

    /** The facts of the container's last run on its node. */
    public Uni<WorkerRunStatus> status(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.status(tenant.value(), id));
    }

    /** Starts an exec session in the container's live run; 409 when none lives. */
    public Uni<WorkerExecStatus> exec(TenantId tenant, String id, String execId, WorkerExecRequest request) {
        return Remote.guard(Remote.WORKER, client.exec(tenant.value(), id, execId, request));
    }

    /** The facts of an exec session; 404 once the node forgot it (its container's run ended). */
    public Uni<WorkerExecStatus> execStatus(TenantId tenant, String id, String execId) {
        return Remote.guard(Remote.WORKER, client.execStatus(tenant.value(), id, execId));
    }

    /** Resizes an exec session's terminal; 404 once it is over. */
    public Uni<Void> execResize(TenantId tenant, String id, String execId, int height, int width) {
        return Remote.guard(Remote.WORKER, client.execResize(tenant.value(), id, execId, height, width));
    }

    /** Every container on the node with its tenant and last run, to compare with the rows. */
    public Uni<List<WorkerNodeContainer>> containers() {
        return Remote.guard(Remote.WORKER, client.containers());
    }

    /** The node's ps with {@code psArgs}, kept to the live run's processes; 409 when none lives. */
    public Uni<WorkerProcesses> top(TenantId tenant, String id, String psArgs) {
        return Remote.guard(Remote.WORKER, client.top(tenant.value(), id, psArgs));
    }

    /** The container's change to its image, path by path. */
    public Uni<List<WorkerChange>> changes(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.changes(tenant.value(), id));
    }

    /** One reading of the live run's counters; 409 when none lives. */
    public Uni<com.fasterxml.jackson.databind.node.ObjectNode> stats(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.stats(tenant.value(), id));
    }

    /** Freezes the live run's processes (the OCI runtime's pause); 409 when no run lives. */
    public Uni<Void> pause(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.pause(tenant.value(), id));
    }

    /** Thaws what {@link #pause} froze. */
    public Uni<Void> resume(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.resume(tenant.value(), id));
    }

    public Uni<Void> kill(TenantId tenant, String id, String signal) {
        return Remote.guard(Remote.WORKER, client.kill(tenant.value(), id, signal));
    }

    public Uni<Void> delete(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.delete(tenant.value(), id));
    }
}
