package io.berth.image.service;

import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.archive.Compression;
import io.berth.image.archive.LayerCheck;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.build.steps.ClassicImageConfig;
import io.berth.image.build.steps.CommitChanges;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.events.ImageEvents;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.pull.Platform;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.api.EngineVersion;
import io.berth.kit.api.Signals;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code docker import}: a root file system tar (plain, gzip, zstd, bzip2 or xz) becomes an image of one layer, as
 * moby's {@code ImportImage} makes it: the configuration is an empty one changed by {@code --change} instructions, the
 * comment and history line say {@code --message} (or {@code Imported from -}), the image is tagged when a repository
 * is given, and {@code import} (and {@code tag}) events are written with the rows. The tar is checked as a pulled
 * layer is (no absolute or climbing member, no member through a link of its own), and stored unpacked, as dockerd
 * keeps its layers. Only a stream is imported: Berth does not fetch a URL for a tenant.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/images/image_import.go">moby ImportImage</a>
 */
@ApplicationScoped
public class ImageImport {
    private final BlobStore blobs;
    private final ImageService images;
    private final TagRepository tags;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final BlobCollector collector;

    ImageImport(BlobStore blobs, ImageService images, TagRepository tags, ImageEvents events, OutboxRelay relay,
            BlobCollector collector) {
        this.blobs = blobs;
        this.images = images;
        this.tags = tags;
        this.events = events;
        this.relay = relay;
        this.collector = collector;
    }

    /** What an import makes, checked before the body is read: the configuration, comment and target, if any. */
    public record Request(StageConfig config, String comment, ImageReference target) {

        /** The request's parameters as moby's postImagesCreate reads them; 400 in its words when they are wrong. */
        public static Request of(String fromSrc, String repo, String tag, String message, List<String> changes, String platform) {
            if (!"-".equals(fromSrc)) {
                throw new InvalidParameterException("importing from a URL is not supported: Berth does not fetch URLs;"
                        + " download the file and import it from standard input (docker import <file> or cat <file> | docker import -)");
            }
            Platform wanted = Platform.parse(platform);
            if (!wanted.os().equals("linux") || !wanted.architecture().equals(Platform.host().architecture())) {
                throw new InvalidParameterException("cannot import an image for " + wanted.os() + "/" + wanted.architecture()
                        + ": Berth's nodes run linux/" + Platform.host().architecture());
            }
            ImageReference target = null;
            if (repo != null && !repo.isEmpty()) {
                if (ImageReference.parse(repo).digest() != null) {
                    throw new InvalidParameterException("cannot import digest reference");
                }
                target = ImageTagging.target(repo, tag);
            }
            StageConfig config = CommitChanges.apply(StageConfig.of(null, null, null, null, null, null, null, null, null,
                    null, null, null), changes == null ? List.of() : changes, Signals::parse);
            return new Request(config, message == null || message.isEmpty() ? "Imported from -" : message, target);
        }
    }

    /** Reads, checks and stores the layer, then writes the config and manifest. Blocking; a bad tar is 400. */
    public NewImage prepare(InputStream body, Request request) {
        Path file = blobs.scratch("import-" + UUID.randomUUID());
        try {
            Files.createDirectories(file.getParent());
            try (InputStream tar = Compression.decompressed(body); OutputStream out = Files.newOutputStream(file)) {
                tar.transferTo(out);
            } catch (IOException e) {
                throw new InvalidParameterException("the imported archive cannot be read (truncated or corrupt): " + e.getMessage());
            }
            if (Files.size(file) == 0) {
                throw new InvalidParameterException("the archive to import is empty: send a root file system as a tar");
            }
            LayerCheck.Result checked;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                checked = LayerCheck.scan(in);
            } catch (LayerCheck.Invalid e) {
                throw new InvalidParameterException("the imported archive is not a usable root file system: " + e.getMessage());
            }
            long blobSize = Files.size(file);
            blobs.moveIn(file, checked.diffId());
            StoredLayer layer = new StoredLayer(checked.diffId(), blobSize, MediaTypes.OCI_LAYER, checked.diffId(), checked.size());
            Instant created = Instant.now();
            byte[] config = ClassicImageConfig.write(request.config(), "", null, created, EngineVersion.VALUE,
                    List.of(new ClassicImageConfig.History(created, null, null, request.comment(), false)),
                    List.of(checked.diffId().toString()), request.comment());
            Digest configDigest = blobs.put(config);
            byte[] manifest = OciJson.write(OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, configDigest.toString(), config.length),
                    List.of(OciDescriptor.of(layer.mediaType(), layer.digest().toString(), layer.blobSize()))));
            Digest manifestDigest = blobs.put(manifest);
            return new NewImage(config, configDigest, manifest, manifestDigest, MediaTypes.OCI_MANIFEST, List.of(layer), created);
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

    /** Records the image, tags it and writes the events in one transaction; the image id. */
    public Uni<String> record(TenantId tenant, NewImage image, Request request) {
        String id = image.configDigest().toString();
        return Panache.withTransaction(() -> images.addRows(tenant, image).flatMap(ignored -> {
            if (request.target() == null) {
                return Uni.createFrom().voidItem();
            }
            TagEntity tag = new TagEntity();
            tag.tenant = tenant.value();
            tag.repository = request.target().familiarName();
            tag.tag = request.target().tagOrLatest();
            tag.imageId = id;
            tag.taggedAt = Instant.now();
            return tags.put(tag).flatMap(done -> events.publish(tenant, ImageActions.TAG, id, tag.repoTag(),
                    request.config().labels()));
        }).flatMap(ignored -> events.publish(tenant, ImageActions.IMPORT, id, id, request.config().labels())))
                .invoke(relay::wakeUp).replaceWith(id)
                .onFailure().call(failure -> collector.collect(List.of(image.configDigest(), image.manifestDigest(),
                        image.layers().getFirst().digest())));
    }
}
