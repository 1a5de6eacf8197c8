package io.berth.container.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.ContainerNetworking;
import io.berth.container.ContainerSpec;
import io.berth.container.ImageFacts;
import io.berth.container.ProcessUser;
import io.berth.container.clients.Images;
import io.berth.container.clients.Worker;
import io.berth.container.events.ContainerEvents;
import io.berth.container.runtime.OciSpec;
import io.berth.container.runtime.ProcessSettings;
import io.berth.container.store.ContainerEntity;
import io.berth.container.store.ContainerRepository;
import io.berth.events.container.ContainerActions;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.spec.Spec;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creating a container: its name, its image resolved, its bundle made on the worker, then its row and {@code create}
 * event in one transaction. A create that fails after the worker call undoes what the worker made.
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
    private final NetworkAttachments attachments;

    ContainerCreation(ContainerRepository containers, Images images, Worker worker, ContainerEvents events,
            OutboxRelay relay, ObjectMapper json, NetworkAttachments attachments) {
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
        return attachments.resolve(tenant, networking).flatMap(stored -> images.resolve(tenant, spec.image())
                .flatMap(image -> createNamed(tenant, fixedName, spec, stored, image, 0)));
    }

    /**
     * Two creates at once can pick the same free name; the database takes one. A name the caller chose is then
     * Docker's 409; a generated one is simply generated again.
     */
    private Uni<ContainerEntity> createNamed(TenantId tenant, String fixedName, ContainerSpec spec,
            StoredNetworking networking, ImageFacts image, int attempt) {
        return pickName(tenant, fixedName, attempt).flatMap(name -> createOnWorker(tenant, name, spec, networking, image)
                .onFailure(this::isNameClash).recoverWithUni(clash -> fixedName == null && attempt < NAME_ATTEMPTS
                        ? createNamed(tenant, null, spec, networking, image, attempt + 1)
                        : Uni.createFrom().failure(nameInUse(name, "another container"))));
    }

    private Uni<ContainerEntity> createOnWorker(TenantId tenant, String name, ContainerSpec spec,
            StoredNetworking networking, ImageFacts image) {
        String id = ContainerNames.newId();
        String hostname = spec.hostname() == null || spec.hostname().isEmpty() ? id.substring(0, 12) : spec.hostname();
        List<String> command = ProcessCommand.command(spec, image);
        ProcessUser user = ProcessUser.of(spec.user(), image.user());
        // Never a terminal: the create request refuses Tty until interactive containers come (issue 9).
        ProcessSettings process = new ProcessSettings(command, ProcessCommand.environment(spec, image, hostname),
                ProcessCommand.workingDir(spec, image), hostname, false, user.uid(), user.gid());
        ContainerEntity container = newEntity(tenant, id, name, spec, image, command);
        container.networkingJson = attachments.write(networking.exposing(image.exposedPorts()));
        Spec ociSpec = networking.requested().isHost() ? OciSpec.withHostNetwork().apply(OciSpec.of(process)) : OciSpec.of(process);
        return worker.create(tenant, id, name, image, ociSpec, networking.namespace())
                .flatMap(created -> Panache.withTransaction(() -> container.persist()
                        .flatMap(saved -> events.publish(container, ContainerActions.CREATE))))
                .onFailure().call(failure -> undoCreate(tenant, id, failure))
                .invoke(relay::wakeUp)
                .replaceWith(container);
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
            List<String> command) {
        ContainerEntity container = new ContainerEntity();
        container.id = id;
        container.tenant = tenant.value();
        container.name = name;
        container.image = spec.image();
        container.imageId = image.id();
        container.configJson = write(spec);
        container.hostConfigJson = write(new HostSettings(spec.autoRemove(), spec.networkMode()));
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

    /** The HostConfig settings Berth keeps. */
    public record HostSettings(boolean autoRemove, String networkMode) {
    }
}
