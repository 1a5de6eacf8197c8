package io.berth.container.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerNetworking;
import io.berth.container.ContainerSpec;
import io.berth.container.ImageDefaults;
import io.berth.container.ImageFacts;
import io.berth.container.ProcessUser;
import io.berth.container.clients.Images;
import io.berth.container.clients.Worker;
import io.berth.container.clients.WorkerCreateRequest;
import io.berth.container.events.ContainerEvents;
import io.berth.container.mounts.MountPlan;
import io.berth.container.mounts.MountPoint;
import io.berth.container.runtime.UserMounts;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.events.container.ContainerActions;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.OciSpec;
import io.berth.oci.spec.ProcessSettings;
import io.berth.oci.spec.Spec;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creating a container: its name, its image resolved, its mounts planned and its volumes ensured
 * ({@link ContainerMounts}), its bundle made on the worker, then its row and {@code create} event in one transaction. A
 * create that fails after the volumes were ensured undoes what the worker made and releases the volumes.
 */
@ApplicationScoped
public class ContainerCreation {
    private static final Logger LOG = Logger.getLogger(ContainerCreation.class);
    private static final int NAME_ATTEMPTS = 5;

    private final ContainerRepository containers;
    private final Images images;
    private final Worker worker;
    private final ContainerEvents events;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final ContainerMounts mounts;
    private final NetworkAttachments attachments;

    ContainerCreation(ContainerRepository containers, Images images, Worker worker, ContainerEvents events,
            OutboxRelay relay, ObjectMapper json, ContainerMounts mounts, NetworkAttachments attachments) {
        this.mounts = mounts;
        this.attachments = attachments;
        this.containers = containers;
        this.images = images;
        this.worker = worker;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    public Uni<ContainerEntity> create(TenantId tenant, String requestedName, ContainerSpec spec) {
        return create(tenant, requestedName, spec, ContainerNetworking.defaults());
    }

    /** As {@link #create(TenantId, String, ContainerSpec)}, on the networks {@code networking} names (resolved first). */
    public Uni<ContainerEntity> create(TenantId tenant, String requestedName, ContainerSpec spec,
            ContainerNetworking networking) {
        if (spec.image() == null || spec.image().isBlank()) {
            return Uni.createFrom().failure(new InvalidParameterException("config.Image must not be empty"));
        }
        String fixedName = requestedName == null || requestedName.isEmpty() ? null : ContainerNames.validate(requestedName);
        return attachments.resolve(tenant, networking).flatMap(stored -> images.resolve(tenant, spec.image(), spec.user())
                .flatMap(image -> mounts.plan(tenant, spec.mounts(), image.volumes())
                        .flatMap(plan -> createNamed(tenant, fixedName, spec.withDefaultStopSignal(image.stopSignal()),
                                stored, image, plan, 0))));
    }

    /**
     * Two creates at once can pick the same free name; the database takes one. A name the caller chose is then
     * Docker's 409; a generated one is simply generated again.
     */
    private Uni<ContainerEntity> createNamed(TenantId tenant, String fixedName, ContainerSpec spec,
            StoredNetworking networking, ImageFacts image, MountPlan plan, int attempt) {
        return pickName(tenant, fixedName, attempt).flatMap(name -> createOnWorker(tenant, name, spec, networking, image, plan)
                .onFailure(this::isNameClash).recoverWithUni(clash -> fixedName == null && attempt < NAME_ATTEMPTS
                        ? createNamed(tenant, null, spec, networking, image, plan, attempt + 1)
                        : Uni.createFrom().failure(nameInUse(name, "another container"))));
    }

    private Uni<ContainerEntity> createOnWorker(TenantId tenant, String name, ContainerSpec spec,
            StoredNetworking networking, ImageFacts image, MountPlan plan) {
        String id = ContainerNames.newId();
        String hostname = spec.hostname() == null || spec.hostname().isEmpty() ? id.substring(0, 12) : spec.hostname();
        List<String> command = ProcessCommand.command(spec, image);
        ProcessUser user = image.processUser();
        ProcessSettings process = new ProcessSettings(command, ProcessCommand.environment(spec, image, hostname),
                ProcessCommand.workingDir(spec, image), hostname, spec.stdio().tty(), user.uid(), user.gid());
        // Volumes first: volume-service records that this container uses them before the node mounts them.
        return mounts.ensureVolumes(tenant, id, plan).flatMap(mounted -> {
            ContainerEntity container = newEntity(tenant, id, name, spec, image, command, mounted);
            container.networkingJson = attachments.write(networking.exposing(image.exposedPorts()));
            Spec mountedSpec = OciSpec.withReadonlyRootfs(spec.mounts().readonlyRootfs())
                    .apply(OciSpec.withUserMounts(UserMounts.of(mounted)).apply(OciSpec.of(process)));
            Spec oci = networking.requested().isHost() ? OciSpec.withHostNetwork().apply(mountedSpec) : mountedSpec;
            return worker.create(tenant, id, name, image, oci, WorkerCreateRequest.MountSources.of(mounted),
                            networking.namespace(), WorkerCreateRequest.Stdio.of(spec.stdio()))
                    .flatMap(created -> Panache.withTransaction(() -> container.persist()
                            .flatMap(saved -> events.publish(container, ContainerActions.CREATE))))
                    .replaceWith(container);
        })
                .onFailure().call(failure -> undoCreate(tenant, id, failure).call(() -> mounts.release(tenant, id, plan)))
                .invoke(relay::wakeUp);
    }

    private Uni<String> pickName(TenantId tenant, String fixedName, int attempt) {
        String candidate = fixedName != null ? fixedName : ContainerNames.randomName(attempt);
        return Panache.withSession(() -> containers.byName(tenant, candidate)).flatMap(existing -> {
            if (existing == null) {
                return Uni.createFrom().item(candidate);
            }
            if (fixedName != null || attempt >= NAME_ATTEMPTS) {
                return Uni.createFrom().failure(nameInUse(candidate, existing.id));
            }
            return pickName(tenant, null, attempt + 1);
        });
    }

    private Uni<Void> undoCreate(TenantId tenant, String id, Throwable failure) {
        LOG.debugf("create of %s failed (%s); removing it from the worker", id, failure.getMessage());
        return worker.delete(tenant, id).onFailure().recoverWithNull().replaceWithVoid();
    }

    private ContainerEntity newEntity(TenantId tenant, String id, String name, ContainerSpec spec, ImageFacts image,
            List<String> command, MountPlan plan) {
        ContainerEntity container = new ContainerEntity();
        container.id = id;
        container.tenant = tenant.value();
        container.name = name;
        container.image = spec.image();
        container.imageId = image.id();
        container.configJson = write(spec);
        container.hostConfigJson = write(new HostSettings(spec.autoRemove(), spec.networkMode(), plan.mountPoints(),
                image.volumes(), ImageDefaults.of(image)));
        container.commandJson = write(command);
        container.autoRemove = spec.autoRemove();
        container.node = worker.node();
        container.createdAt = Instant.now();
        return container;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot store container settings: " + e.getMessage(), e);
        }
    }

    private boolean isNameClash(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("container_name_unique")) {
                return true;
            }
        }
        return false;
    }

    private static ConflictException nameInUse(String name, String holder) {
        return new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by container \""
                + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    /**
     * The HostConfig settings Berth keeps; {@code mounts} are the container's mount points as made (inspect's Mounts),
     * {@code imageVolumes} its image's {@code VOLUME}s (inspect's Config.Volumes shows them), {@code image} the rest of
     * its image's defaults that inspect's Config shows (null in rows written before they were kept).
     */
    public record HostSettings(boolean autoRemove, String networkMode, List<MountPoint> mounts, List<String> imageVolumes,
            ImageDefaults image) {
        public HostSettings {
            mounts = mounts == null ? List.of() : List.copyOf(mounts);
            imageVolumes = imageVolumes == null ? List.of() : List.copyOf(imageVolumes);
        }
    }
}
