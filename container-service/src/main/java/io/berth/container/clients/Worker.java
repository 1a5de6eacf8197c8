package io.berth.container.clients;

import io.berth.container.ImageFacts;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Spec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
        WorkerCreateRequest request = new WorkerCreateRequest(name,
                new WorkerCreateRequest.ImageLocation(image.repository(), image.manifestDigest()), spec);
        return Remote.guard(Remote.WORKER, client.create(tenant.value(), id, request));
    }

    /** Starts run {@code run} of the container: container-service numbers the runs, the worker's exit facts name them. */
    public Uni<WorkerStarted> start(TenantId tenant, String id, long run) {
        return Remote.guard(Remote.WORKER, client.start(tenant.value(), id, run));
    }

    public Uni<Void> kill(TenantId tenant, String id, String signal) {
        return Remote.guard(Remote.WORKER, client.kill(tenant.value(), id, signal));
    }

    public Uni<Void> delete(TenantId tenant, String id) {
        return Remote.guard(Remote.WORKER, client.delete(tenant.value(), id));
    }
}
