package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.build.steps.ClassicImageConfig;
import io.berth.image.build.steps.CommitChanges;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.clients.WorkerBuildSteps;
import io.berth.image.events.ImageEvents;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.api.EngineVersion;
import io.berth.kit.api.Signals;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The image side of {@code docker commit} (container-service's {@code POST /internal/images/commit}): the
 * container's change, read from its node, becomes one layer on the container's image, as moby's
 * {@code CommitImage} makes it: the request's configuration (the container's when it sends none) changed by the
 * {@code --change} instructions and completed from the container's ({@link CommitChanges#merge}), the author and
 * comment on the image and on its new history line, whose {@code created_by} is the container's command; an empty
 * change adds no layer and an {@code empty_layer} line. The image is tagged when a repository is given ({@code tag}
 * event); the container's {@code commit} event is container-service's.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/commit.go">moby CreateImageFromContainer</a>
 */
@ApplicationScoped
public class ImageCommit {
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-f0-9]{64}");
    private final BlobStore blobs;
    private final ImageService images;
    private final ImageRepository imageRows;
    private final TagRepository tags;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final BlobCollector collector;
    private final WorkerBuildSteps worker;

    ImageCommit(BlobStore blobs, ImageService images, ImageRepository imageRows, TagRepository tags, ImageEvents events,
            OutboxRelay relay, BlobCollector collector, WorkerBuildSteps worker) {
        this.blobs = blobs;
        this.images = images;
        this.imageRows = imageRows;
        this.tags = tags;
        this.events = events;
        this.relay = relay;
        this.collector = collector;
        this.worker = worker;
    }

    /** What container-service asks, checked before anything is read from the node. */
    public record Request(String container, String parentId, String imageName, JsonNode containerConfig,
            JsonNode config, List<String> changes, String author, String comment, ImageReference target,
            String reference, boolean pause) {

        /** The internal call's body (docs/internal-api.md); 400 in dockerd's words for a bad change or repository. */
        public static Request of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new InvalidParameterException("body must be a commit request");
            }
            String container = body.path("container").asText("");
            if (!CONTAINER_ID.matcher(container).matches()) {
                throw new InvalidParameterException("container must be a container id: " + container);
            }
            List<String> changes = new ArrayList<>();
            body.path("changes").forEach(change -> changes.add(change.asText()));
            // A wrong change is refused before the node is asked anything.
            CommitChanges.apply(StageConfig.of(null, null, null, null, null, null, null, null, null, null, null, null),
                    changes, Signals::parse);
            String repo = body.path("repo").asText("");
            String tag = body.path("tag").asText("");
            ImageReference target = null;
            String reference = "";
            if (!repo.isEmpty()) {
                if (ImageReference.parse(repo).digest() != null) {
                    throw new InvalidParameterException("refusing to create a tag with a digest reference");
                }
                target = ImageTagging.target(repo, tag);
                // The event names the reference as asked (dockerd's FamiliarString): no :latest added.
                reference = ImageReference.parse(tag.isEmpty() ? repo : repo + ":" + tag).familiarString();
            }
            JsonNode config = body.get("config");
            return new Request(container, body.path("image").asText(""), body.path("imageName").asText(""),
                    body.path("containerConfig"), config == null || config.isNull() ? null : config, changes,
                    body.path("author").asText(""), body.path("comment").asText(""), target, reference,
                    body.path("pause").asBoolean(false));
        }
    }

    /** What a commit made: the image id and the reference it was tagged as ({@code ""} when untagged). */
    public record Committed(String id, String reference) {}

    /** The container's image as stored: config, manifest and layers. 404 when the tenant no longer has it. */
    public Uni<NewImage> parent(TenantId tenant, String id) {
        return Panache.withSession(() -> imageRows.byId(tenant, id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new NotFoundException("No such image: " + id));
            }
            return ImageLayerEntity.<ImageLayerEntity>list("tenant = ?1 and imageId = ?2 order by position",
                    tenant.value(), id).map(layers -> StoreBuildBackend.known(id, row.configJson.getBytes(StandardCharsets.UTF_8),
                    row.manifest, Digest.parse(row.manifestDigest), layers.stream().map(layer -> layer.size).toList(),
                    row.created).image());
        }));
    }

    /** Reads the change from the node, stores it and writes the config and manifest. Blocking. */
    public NewImage prepare(TenantId tenant, NewImage parent, Request request) {
        JsonNode parentConfig = StoreBuildBackend.tree(parent.config());
        // The container's configuration as dockerd holds it: the create's merged with its image's (the same merge),
        // which gives what a container's record does not carry (health check, stop signal, the image's command).
        StageConfig container = CommitChanges.merge(StoreBuildBackend.stageConfig(request.containerConfig()),
                StoreBuildBackend.stageConfig(parentConfig.path("config")));
        StageConfig config = request.config() == null ? container.copy() : StoreBuildBackend.stageConfig(request.config());
        CommitChanges.apply(config, request.changes(), Signals::parse);
        CommitChanges.merge(config, container);
        CommitChanges.withAuthor(config, request.author());
        Path file = blobs.scratch("commit-" + UUID.randomUUID());
        try {
            Files.createDirectories(file.getParent());
            Digest diffId = worker.containerDiff(tenant, request.container(), request.pause(), file);
            List<StoredLayer> layers = new ArrayList<>(parent.layers());
            boolean empty = isEmptyTar(file);
            if (!empty) {
                long size = Files.size(file);
                blobs.moveIn(file, diffId);
                layers.add(new StoredLayer(diffId, size, MediaTypes.OCI_LAYER, diffId, size));
            }
            Instant created = Instant.now();
            List<String> containerCmd = container.cmd();
            List<ClassicImageConfig.History> history = new ArrayList<>(StoreBuildBackend.history(parentConfig));
            history.add(new ClassicImageConfig.History(created, request.author(),
                    containerCmd == null ? "" : String.join(" ", containerCmd), request.comment(), empty));
            // config.Image names the parent by id (dockerd writes the name the container was made with, and keeps the
            // parent apart): docker history walks it to the container's image, and Berth's inspect shows Image as "".
            byte[] configBytes = ClassicImageConfig.write(config, request.parentId(), containerCmd, created,
                    EngineVersion.VALUE, history, layers.stream().map(layer -> layer.diffId().toString()).toList(),
                    request.comment());
            Digest configDigest = blobs.put(configBytes);
            byte[] manifest = OciJson.write(OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, configDigest.toString(),
                    configBytes.length), layers.stream().map(layer -> OciDescriptor.of(layer.mediaType(),
                    layer.digest().toString(), layer.blobSize())).toList()));
            Digest manifestDigest = blobs.put(manifest);
            return new NewImage(configBytes, configDigest, manifest, manifestDigest, MediaTypes.OCI_MANIFEST, layers, created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Only a scratch file left in the store's tmp; nothing refers to it.
            }
        }
    }

    /** Records the image and tags it, with the tag's event, in one transaction. */
    public Uni<Committed> record(TenantId tenant, NewImage image, NewImage parent, Request request) {
        String id = image.configDigest().toString();
        java.util.Map<String, String> labels = StoreBuildBackend.stageConfig(StoreBuildBackend.tree(image.config())
                .path("config")).labels();
        return Panache.withTransaction(() -> images.addRows(tenant, image).flatMap(ignored -> {
            if (request.target() == null) {
                return Uni.createFrom().item(new Committed(id, ""));
            }
            TagEntity tag = new TagEntity();
            tag.tenant = tenant.value();
            tag.repository = request.target().familiarName();
            tag.tag = request.target().tagOrLatest();
            tag.imageId = id;
            tag.taggedAt = Instant.now();
            return tags.put(tag).flatMap(done -> events.publish(tenant, ImageActions.TAG, id, tag.repoTag(), labels))
                    .replaceWith(new Committed(id, request.reference()));
        })).invoke(relay::wakeUp)
                .onFailure().call(failure -> {
                    List<Digest> made = new ArrayList<>(List.of(image.configDigest(), image.manifestDigest()));
                    if (image.layers().size() > parent.layers().size()) {
                        made.add(image.layers().getLast().digest());
                    }
                    return collector.collect(made);
                });
    }

    /** A tar with no member: dockerd's {@code layer.IsEmpty}, which adds no layer for it. */
    private static boolean isEmptyTar(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() == null;
        }
    }
}
