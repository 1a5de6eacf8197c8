package io.berth.container.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.clients.Volumes;
import io.berth.container.mounts.MountParser;
import io.berth.container.mounts.MountPlan;
import io.berth.container.mounts.MountPoint;
import io.berth.container.mounts.MountRequest;
import io.berth.container.service.ContainerCreation.HostSettings;
import io.berth.container.store.ContainerEntity;
import io.berth.kit.errors.InternalException;
import io.berth.kit.policy.HostBindPolicy;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mounts of a container being created: planned from every form the create used and its image's {@code VOLUME}s
 * ({@link MountPlan}, with the mounts of its {@code --volumes-from} containers), host binds checked against the
 * tenant's policy (service-kit's {@link HostBindPolicy}, the one place that decides), and its volumes made or found by
 * volume-service, which records that this container uses them.
 */
@ApplicationScoped
public class ContainerMounts {
    private final ContainerLookup lookup;
    private final Volumes volumes;
    private final HostBindPolicy hostBinds;
    private final ObjectMapper json;

    ContainerMounts(ContainerLookup lookup, Volumes volumes, HostBindPolicy hostBinds, ObjectMapper json) {
        this.lookup = lookup;
        this.volumes = volumes;
        this.hostBinds = hostBinds;
        this.json = json;
    }

    /** The plan, or Docker's 400 (and 404 for a {@code --volumes-from} container that does not exist). */
    Uni<MountPlan> plan(TenantId tenant, MountRequest request, List<String> imageVolumes) {
        return Multi.createFrom().iterable(request.volumesFrom())
                .onItem().transformToUniAndConcatenate(raw -> {
                    MountParser.VolumesFrom from = MountParser.volumesFrom(raw);
                    return lookup.find(tenant, from.container()).map(container -> Map.entry(from.container(), of(container)));
                })
                .collect().in(HashMap<String, List<MountPoint>>::new, (found, entry) -> found.put(entry.getKey(), entry.getValue()))
                .map(byContainer -> {
                    MountPlan plan = MountPlan.of(request, imageVolumes, from -> byContainer.get(from.container()));
                    plan.mountPoints().stream().filter(MountPoint::isBind)
                            .forEach(bind -> hostBinds.check(tenant, bind.source()));
                    return plan;
                });
    }

    /** The plan with its volumes made or found, and used by {@code container} from now on. */
    Uni<MountPlan> ensureVolumes(TenantId tenant, String container, MountPlan plan) {
        return volumes.ensure(tenant, container, plan.volumes()).map(plan::withVolumes);
    }

    /** Undoes {@link #ensureVolumes} for a create that failed. */
    Uni<Void> release(TenantId tenant, String container, MountPlan plan) {
        return plan.volumes().isEmpty() ? Uni.createFrom().voidItem() : volumes.release(tenant, container);
    }

    /** The mount points a container was created with (none for a row from before mounts). */
    public List<MountPoint> of(ContainerEntity container) {
        try {
            return json.readValue(container.hostConfigJson, HostSettings.class).mounts();
        } catch (IOException e) {
            throw new InternalException("stored settings of container " + container.id + " are unreadable", e);
        }
    }
}
