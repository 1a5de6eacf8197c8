package io.berth.container.clients;

import io.berth.container.mounts.MountPoint;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The volumes a container mounts, through volume-service: made or found, and used by the container until it goes. */
@ApplicationScoped
public class Volumes {
    private static final Logger LOG = Logger.getLogger(Volumes.class);
    private final VolumeClient client;

    Volumes(@RestClient VolumeClient client) {
        this.client = client;
    }

    /** The volume mounts with their volumes' names and data directories filled in, in order. */
    public Uni<List<MountPoint>> ensure(TenantId tenant, String container, List<MountPoint> volumeMounts) {
        if (volumeMounts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<VolumeClient.EnsuredVolume> wanted = volumeMounts.stream().map(point -> new VolumeClient.EnsuredVolume(
                point.name(), point.driver(), point.driverOpts(), point.labels(), point.destination(), point.rw(),
                point.propagation())).toList();
        return Remote.guard("volume-service", client.ensure(tenant.value(), new VolumeClient.EnsureRequest(container, wanted)))
                .map(answer -> {
                    List<MountPoint> resolved = new ArrayList<>();
                    for (int i = 0; i < volumeMounts.size(); i++) {
                        VolumeClient.EnsuredAnswer volume = answer.volumes().get(i);
                        resolved.add(volumeMounts.get(i).ofVolume(volume.name(), volume.driver(), volume.mountpoint()));
                    }
                    return resolved;
                });
    }

    /** Undoes an ensure call of a create that failed: the uses go, and the anonymous volumes made for it. */
    public Uni<Void> release(TenantId tenant, String container) {
        return Remote.guard("volume-service", client.release(tenant.value(), container, true))
                .onFailure().invoke(e -> LOG.warnf("volumes of the failed create of %s not released: %s", container,
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
