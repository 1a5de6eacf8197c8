package io.berth.volume.service;

import io.berth.kit.errors.ConflictException;
import io.berth.kit.policy.HostBindPolicy;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.berth.volume.LocalDriver;
import io.berth.volume.VolumeName;
import io.berth.volume.clients.Node;
import io.berth.volume.events.VolumeEvents;
import io.berth.volume.store.VolumeEntity;
import io.berth.volume.store.VolumeRepository;
import io.berth.volume.store.VolumeUseEntity;
import io.berth.volume.store.VolumeUseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes volumes: {@code docker volume create}, and the volumes a container create needs (named ones that do not exist
 * yet, anonymous ones), whose use by that container is recorded in the same call so that no removal can take them
 * before the container exists. The node makes the directory first, then the row and its {@code create} event commit
 * together; a volume that exists is answered as it is, as dockerd does.
 */
@ApplicationScoped
public class VolumeCreation {
    private final VolumeRepository volumes;
    private final VolumeUseRepository uses;
    private final Node node;
    private final VolumeEvents events;
    private final OutboxRelay relay;
    private final HostBindPolicy hostBinds;

    VolumeCreation(VolumeRepository volumes, VolumeUseRepository uses, Node node, VolumeEvents events,
            OutboxRelay relay, HostBindPolicy hostBinds) {
        this.volumes = volumes;
        this.uses = uses;
        this.node = node;
        this.events = events;
        this.relay = relay;
        this.hostBinds = hostBinds;
    }

    /** What a client asks of a volume: a name (null or empty for a generated one), driver, options, labels. */
    public record VolumeSpec(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
    }

    /** One volume a container mounts, and how. */
    public record ContainerVolume(VolumeSpec volume, String destination, boolean readWrite, String propagation) {
    }

    /** {@code docker volume create}: the volume, made or as it was. */
    public Uni<VolumeEntity> create(TenantId tenant, VolumeSpec spec) {
        return ensureOne(tenant, spec).invoke(relay::wakeUp);
    }

    /**
     * The volumes a container create needs, in order: made when missing, and recorded as used by {@code container}
     * at their destinations (replacing what an earlier call for the same container recorded).
     */
    public Uni<List<VolumeEntity>> ensureFor(TenantId tenant, String container, List<ContainerVolume> wanted) {
        return Multi.createFrom().iterable(wanted).onItem().transformToUniAndConcatenate(one -> ensureOne(tenant, one.volume()))
                .collect().asList()
                .flatMap(made -> Panache.withTransaction(() -> recordUses(tenant, container, wanted, made)))
                .invoke(relay::wakeUp);
    }

    private Uni<List<VolumeEntity>> recordUses(TenantId tenant, String container, List<ContainerVolume> wanted,
            List<VolumeEntity> made) {
        return uses.deleteOfContainer(tenant, container).flatMap(cleared -> Multi.createFrom().range(0, wanted.size())
                .onItem().transformToUniAndConcatenate(i -> volumes.lockShared(tenant, made.get(i).name).flatMap(locked -> {
                    if (locked == null) {
                        return Uni.createFrom().<VolumeEntity>failure(new ConflictException("volume " + made.get(i).name
                                + " was removed while the container was being created; try again"));
                    }
                    ContainerVolume one = wanted.get(i);
                    VolumeUseEntity use = new VolumeUseEntity();
                    use.tenant = tenant.value();
                    use.volumeId = locked.id;
                    use.containerId = container;
                    use.destination = one.destination();
                    use.readWrite = one.readWrite();
                    use.propagation = one.propagation() == null ? "" : one.propagation();
                    use.anonymous = one.volume().name() == null || one.volume().name().isEmpty();
                    use.reservedAt = Instant.now();
                    return use.persist().replaceWith(locked);
                }))
                .collect().asList());
    }

    /** Validates in dockerd's words, then finds or makes the volume. */
    private Uni<VolumeEntity> ensureOne(TenantId tenant, VolumeSpec spec) {
        boolean anonymous = spec.name() == null || spec.name().isEmpty();
        VolumeName name = anonymous ? VolumeName.random() : new VolumeName(spec.name());
        String driver = LocalDriver.driver(name, spec.driver());
        Map<String, String> options = LocalDriver.options(name, spec.driverOpts());
        String hostPath = LocalDriver.hostPath(options);
        if (hostPath != null) {
            hostBinds.check(tenant, hostPath);
        }
        Map<String, String> labels = new LinkedHashMap<>(spec.labels() == null ? Map.of() : spec.labels());
        if (anonymous) {
            labels.put(LocalDriver.ANONYMOUS_LABEL, "");
        }
        return Panache.withSession(() -> volumes.byName(tenant, name.value())).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : make(tenant, name, driver, options, labels));
    }

    private Uni<VolumeEntity> make(TenantId tenant, VolumeName name, String driver, Map<String, String> options,
            Map<String, String> labels) {
        return node.create(tenant, name, options).flatMap(mountpoint -> {
            VolumeEntity volume = new VolumeEntity();
            volume.tenant = tenant.value();
            volume.name = name.value();
            volume.driver = driver;
            volume.mountpoint = mountpoint;
            volume.labels = new LinkedHashMap<>(labels);
            volume.options = new LinkedHashMap<>(options);
            volume.createdAt = Instant.now();
            return Panache.withTransaction(() -> volume.persist().flatMap(saved -> events.created(volume)))
                    .replaceWith(volume)
                    // Two creates of one name at once: the database takes one, the other answers with it.
                    .onFailure(VolumeCreation::isNameClash)
                    .recoverWithUni(clash -> Panache.withSession(() -> volumes.byName(tenant, name.value())));
        });
    }

    private static boolean isNameClash(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("volume_name_unique")) {
                return true;
            }
        }
        return false;
    }
}
