package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.archive.Compression;
import io.berth.image.archive.LayerCheck;
import io.berth.image.archive.StagedArchive;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.events.ImageEvents;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code docker load}: reads a {@code docker save} archive (Docker 25's layout, OCI layout plus {@code manifest.json};
 * Docker 1.10 to 24's, {@code manifest.json} with {@code <id>/layer.tar}; or a bare OCI layout), and adds its images
 * with their tags (moby image/tarexport/load.go). Every layer is read once to check it: its diff id must be the one
 * its config names, and no member may be absolute, climb with {@code ..} or pass through a link (then nothing is
 * added). Blobs enter the store only once the whole archive checked out; the rows, tags and {@code load} events commit
 * together.
 */
@ApplicationScoped
public class ImageLoad {
    private final BlobStore blobs;
    private final ImageService images;
    private final TagRepository tags;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final BlobCollector collector;

    ImageLoad(BlobStore blobs, ImageService images, TagRepository tags, ImageEvents events, OutboxRelay relay,
            BlobCollector collector) {
        this.blobs = blobs;
        this.images = images;
        this.tags = tags;
        this.events = events;
        this.relay = relay;
        this.collector = collector;
    }

    /** An image of the archive, its blobs stored, with the tags the archive gives it. */
    public record Prepared(NewImage image, List<ImageReference> tags) {
    }

    /**
     * Unpacks, checks and stores the blobs of every image in {@code archive}. Blocking; a bad archive is a 400 naming
     * what is wrong, and leaves nothing behind.
     */
    public List<Prepared> prepare(InputStream archive) {
        Path staging = blobs.scratch("load-" + UUID.randomUUID());
        try (StagedArchive staged = StagedArchive.unpack(archive, staging)) {
            List<Entry> entries = entries(staged);
            List<Prepared> prepared = new ArrayList<>();
            Set<Digest> stored = new LinkedHashSet<>();
            for (Entry entry : entries) {
                prepared.add(prepare(staged, entry, stored));
            }
            return prepared;
        } catch (LayerCheck.Invalid e) {
            throw new InvalidParameterException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the prepared images, tags them and announces {@code load}; the stream's lines, as dockerd words them. */
    public Uni<List<String>> record(TenantId tenant, List<Prepared> prepared) {
        List<String> lines = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Prepared each : prepared) {
            chain = chain.flatMap(ignored -> images.addRows(tenant, each.image()))
                    .flatMap(ignored -> tagAll(tenant, each, lines))
                    .flatMap(ignored -> events.publish(tenant, ImageActions.LOAD, each.image().configDigest().toString(),
                            each.image().configDigest().toString(), labels(each.image())));
        }
        Uni<Void> all = chain;
        return Panache.withTransaction(() -> all).invoke(relay::wakeUp).replaceWith(lines)
                .onFailure().call(failure -> collector.collect(prepared.stream()
                        .flatMap(each -> digests(each.image()).stream()).toList()));
    }

    private Uni<Void> tagAll(TenantId tenant, Prepared prepared, List<String> lines) {
        String id = prepared.image().configDigest().toString();
        if (prepared.tags().isEmpty()) {
            lines.add("Loaded image ID: " + id);
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ImageReference ref : prepared.tags()) {
            chain = chain.flatMap(ignored -> tags.byName(tenant, ref.familiarName(), ref.tagOrLatest())).flatMap(old -> {
                if (old != null && !old.imageId.equals(id)) {
                    // moby's setLoadedTag: the old image keeps its other names, or becomes dangling.
                    lines.add("The image " + ref.familiarString() + " already exists, renaming the old one with ID "
                            + old.imageId + " to empty string");
                }
                TagEntity tag = new TagEntity();
                tag.tenant = tenant.value();
                tag.repository = ref.familiarName();
                tag.tag = ref.tagOrLatest();
                tag.imageId = id;
                tag.taggedAt = Instant.now();
                lines.add("Loaded image: " + ref.familiarString());
                return tags.put(tag);
            });
        }
        return chain;
    }

    // ---------------------------------------------------------------- reading the archive

    /** One image the archive holds: its config member, layer members in order, and tags. */
    private record Entry(String config, List<String> layers, List<ImageReference> tags) {
    }

    private static List<Entry> entries(StagedArchive staged) throws LayerCheck.Invalid {
        Optional<byte[]> manifest = staged.read("manifest.json");
        if (manifest.isPresent()) {
            return fromManifestJson(manifest.get());
        }
        Optional<byte[]> index = staged.read("index.json");
        if (index.isPresent() && staged.read("oci-layout").isPresent()) {
            return fromOciIndex(staged, index.get());
        }
        if (staged.read("repositories").isPresent()) {
            throw new LayerCheck.Invalid("this archive has Docker's layout from before 1.10 (no manifest.json), which Berth"
                    + " cannot load; save the image again with a newer Docker");
        }
        throw new LayerCheck.Invalid("this is not an image archive: it has neither manifest.json nor an OCI index.json");
    }

    private static List<Entry> fromManifestJson(byte[] json) throws LayerCheck.Invalid {
        JsonNode list = tree(json, "manifest.json");
        if (!list.isArray() || list.isEmpty()) {
            throw new LayerCheck.Invalid("manifest.json lists no image");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : list) {
            String config = item.path("Config").asText("");
            if (config.isEmpty()) {
                throw new LayerCheck.Invalid("manifest.json has an image without Config");
            }
            List<String> layers = new ArrayList<>();
            item.path("Layers").forEach(layer -> layers.add(layer.asText()));
            List<ImageReference> tags = new ArrayList<>();
            for (JsonNode tag : item.path("RepoTags")) {
                tags.add(reference(tag.asText()));
            }
            entries.add(new Entry(config, layers, tags));
        }
        return entries;
    }

    private static List<Entry> fromOciIndex(StagedArchive staged, byte[] json) throws LayerCheck.Invalid {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode descriptor : tree(json, "index.json").path("manifests")) {
            String member = blobMember(descriptor.path("digest").asText(""));
            JsonNode manifest = tree(staged.read(member).orElseThrow(() ->
                    new LayerCheck.Invalid("index.json names " + member + ", which the archive does not hold")), member);
            List<String> layers = new ArrayList<>();
            manifest.path("layers").forEach(layer -> layers.add(blobMember(layer.path("digest").asText(""))));
            List<ImageReference> tags = new ArrayList<>();
            String name = descriptor.path("annotations").path("io.containerd.image.name").asText("");
            if (!name.isEmpty()) {
                tags.add(reference(name));
            }
            entries.add(new Entry(blobMember(manifest.path("config").path("digest").asText("")), layers, tags));
        }
        if (entries.isEmpty()) {
            throw new LayerCheck.Invalid("index.json lists no image");
        }
        return entries;
    }

    private Prepared prepare(StagedArchive staged, Entry entry, Set<Digest> stored) throws LayerCheck.Invalid, IOException {
        byte[] config = staged.read(entry.config()).orElseThrow(() ->
                new LayerCheck.Invalid("manifest.json names config " + entry.config() + ", which the archive does not hold"));
        OciImageConfig parsed;
        try {
            parsed = OciJson.read(config, OciImageConfig.class);
        } catch (UncheckedIOException e) {
            throw new LayerCheck.Invalid("the image config " + entry.config() + " is not valid JSON");
        }
        if (parsed.os() != null && !parsed.os().equals("linux")) {
            throw new LayerCheck.Invalid("the image " + entry.config() + " is for " + parsed.os() + "; Berth runs linux images");
        }
        List<String> diffIds = parsed.rootfs() == null || parsed.rootfs().diffIds() == null ? List.of() : parsed.rootfs().diffIds();
        if (diffIds.size() != entry.layers().size()) {
            throw new LayerCheck.Invalid("the image " + entry.config() + " has " + entry.layers().size()
                    + " layers but its config names " + diffIds.size());
        }
        List<StoredLayer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String member = entry.layers().get(i);
            Path file = staged.file(member).orElseThrow(() ->
                    new LayerCheck.Invalid("manifest.json names layer " + member + ", which the archive does not hold"));
            Digest blob = staged.digest(member).orElseThrow();
            LayerCheck.Result checked;
            Compression compression;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                compression = Compression.of(in);
                checked = LayerCheck.scan(in);
            } catch (LayerCheck.Invalid e) {
                throw new LayerCheck.Invalid("layer " + member + ": " + e.getMessage());
            }
            if (!checked.diffId().toString().equals(diffIds.get(i))) {
                throw new LayerCheck.Invalid("layer " + member + " unpacks to " + checked.diffId() + ", but the image config says "
                        + diffIds.get(i));
            }
            layers.add(new StoredLayer(blob, Files.size(file), mediaType(compression), checked.diffId(), checked.size()));
        }
        Digest configDigest = staged.digest(entry.config()).orElseThrow();
        byte[] manifest = OciJson.write(OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, configDigest.toString(), config.length),
                layers.stream().map(layer -> OciDescriptor.of(layer.mediaType(), layer.digest().toString(), layer.blobSize())).toList()));
        // Store: the archive's files move in (renames); what the store has already stays as it is.
        for (int i = 0; i < layers.size(); i++) {
            if (stored.add(layers.get(i).digest())) {
                Path file = staged.file(entry.layers().get(i)).orElseThrow();
                blobs.moveIn(file, layers.get(i).digest());
            }
        }
        if (stored.add(configDigest)) {
            blobs.put(config);
        }
        blobs.put(manifest);
        NewImage image = new NewImage(config, configDigest, manifest, Digest.of(manifest), MediaTypes.OCI_MANIFEST, layers,
                NewImage.created(parsed.created()));
        return new Prepared(image, entry.tags());
    }

    private static String mediaType(Compression compression) {
        return switch (compression) {
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case NONE -> MediaTypes.OCI_LAYER;
            // LayerCheck refused the others already.
            case BZIP2, XZ -> throw new IllegalStateException("no layer media type for " + compression);
        };
    }

    private static List<Digest> digests(NewImage image) {
        List<Digest> all = new ArrayList<>(List.of(image.configDigest(), image.manifestDigest()));
        image.layers().forEach(layer -> all.add(layer.digest()));
        return all;
    }

    private static java.util.Map<String, String> labels(NewImage image) {
        OciImageConfig config = OciJson.read(image.config(), OciImageConfig.class);
        return config.config() == null || config.config().labels() == null ? java.util.Map.of() : config.config().labels();
    }

    private static ImageReference reference(String tag) throws LayerCheck.Invalid {
        try {
            ImageReference ref = ImageReference.parse(tag);
            if (ref.digest() != null) {
                throw new LayerCheck.Invalid("manifest.json tags an image with a digest reference: " + tag);
            }
            return ref.withDefaultTag();
        } catch (InvalidParameterException e) {
            throw new LayerCheck.Invalid("manifest.json has an invalid tag " + tag + ": " + e.getMessage());
        }
    }

    private static String blobMember(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static JsonNode tree(byte[] json, String what) throws LayerCheck.Invalid {
        try {
            return OciJson.tree(json);
        } catch (IOException e) {
            throw new LayerCheck.Invalid(what + " is not valid JSON");
        }
    }
}
