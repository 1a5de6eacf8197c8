package io.berth.image.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.image.ImageActions;
import io.berth.image.Image;
import io.berth.image.ImageReference;
import io.berth.image.archive.TarParts;
import io.berth.image.blob.BlobStore;
import io.berth.image.events.ImageEvents;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker save}: the members of the archive for one or many images, in Docker 25's layout (moby
 * image/tarexport/save.go): an OCI image layout ({@code oci-layout}, {@code index.json} with one annotated descriptor per
 * tag, {@code blobs/sha256/…}) plus {@code manifest.json} and {@code repositories}, so that both {@code docker load}
 * (any version since 1.10) and OCI tools read it. Layers are written as stored (gzipped when they came so), with the
 * image's own manifest: a loader unpacks whatever compression a layer has. A name that is a repository saves each of
 * its tags; an id saves the image untagged. Each image saved is a {@code save} event.
 */
@ApplicationScoped
public class ImageSave {
    private static final Instant EPOCH = Instant.EPOCH;

    private final ImageResolver resolver;
    private final TagRepository tags;
    private final BlobStore blobs;
    private final ImageEvents events;
    private final OutboxRelay relay;

    ImageSave(ImageResolver resolver, TagRepository tags, BlobStore blobs, ImageEvents events, OutboxRelay relay) {
        this.resolver = resolver;
        this.tags = tags;
        this.blobs = blobs;
        this.events = events;
        this.relay = relay;
    }

    private record Saved(ImageEntity image, List<TagEntity> allTags, List<String> repoTags, List<ImageLayerEntity> layers) {
    }

    /** The archive's members, in order; 404 for a name that names nothing, before anything is written. */
    public Uni<List<TarParts.Member>> members(TenantId tenant, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().failure(new InvalidParameterException("names must name at least one image to save"));
        }
        return Panache.withTransaction(() -> {
            Uni<Map<String, Saved>> all = Uni.createFrom().item(new LinkedHashMap<>());
            for (String name : names) {
                all = all.flatMap(found -> saved(tenant, name).map(each -> {
                    each.forEach(saved -> found.merge(saved.image().id, saved, (a, b) -> new Saved(a.image(), a.allTags(),
                            union(a.repoTags(), b.repoTags()), a.layers())));
                    return found;
                }));
            }
            return all.call(found -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Saved saved : found.values()) {
                    Image image = ImageRows.of(saved.image(), saved.allTags());
                    chain = chain.flatMap(ignored -> events.publish(tenant, ImageActions.SAVE, image, saved.image().id));
                }
                return chain;
            });
        }).invoke(relay::wakeUp).map(found -> layout(new ArrayList<>(found.values())));
    }

    /** What one name saves: every tag of a repository it names, else the image it resolves to. */
    private Uni<List<Saved>> saved(TenantId tenant, String name) {
        Uni<List<TagEntity>> repository = Uni.createFrom().item(List.of());
        if (!ImageReference.isFullId(name) && !name.startsWith("sha256:") && !name.contains("@") && !hasTag(name)) {
            repository = tags.inRepository(tenant, ImageReference.parse(name).familiarName());
        }
        return repository.flatMap(inRepository -> {
            if (inRepository.isEmpty()) {
                return resolver.match(tenant, name).flatMap(match -> withRows(tenant, match.image(),
                        match.tag() == null ? List.of() : List.of(match.tag()))).map(List::of);
            }
            Map<String, List<String>> byImage = new LinkedHashMap<>();
            inRepository.forEach(tag -> byImage.computeIfAbsent(tag.imageId, id -> new ArrayList<>()).add(tag.repoTag()));
            Uni<List<Saved>> chain = Uni.createFrom().item(new ArrayList<>());
            for (Map.Entry<String, List<String>> entry : byImage.entrySet()) {
                chain = chain.flatMap(list -> resolver.resolve(tenant, entry.getKey())
                        .flatMap(row -> withRows(tenant, row, entry.getValue())).map(saved -> {
                            list.add(saved);
                            return list;
                        }));
            }
            return chain;
        });
    }

    private Uni<Saved> withRows(TenantId tenant, ImageEntity row, List<String> repoTags) {
        return tags.forImage(tenant, row.id).flatMap(all -> ImageLayerEntity.<ImageLayerEntity>list(
                "tenant = ?1 and imageId = ?2 order by position", tenant.value(), row.id)
                .map(layers -> new Saved(row, all, repoTags, layers)));
    }

    private List<TarParts.Member> layout(List<Saved> saved) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<TarParts.Member> members = new ArrayList<>();
        ArrayNode descriptors = json.arrayNode();
        ArrayNode manifests = json.arrayNode();
        ObjectNode repositories = json.objectNode();
        Set<String> written = new LinkedHashSet<>();
        List<TarParts.Member> blobMembers = new ArrayList<>();
        for (Saved each : saved) {
            ImageEntity row = each.image();
            Instant created = row.created == null ? EPOCH : row.created;
            ObjectNode descriptor = json.objectNode().put("mediaType", row.mediaType).put("digest", row.manifestDigest)
                    .put("size", row.manifest.length);
            if (each.repoTags().isEmpty()) {
                descriptors.add(descriptor);
            }
            for (String repoTag : each.repoTags()) {
                ImageReference ref = ImageReference.parse(repoTag);
                descriptors.add(descriptor.deepCopy().set("annotations", json.objectNode()
                        .put("io.containerd.image.name", ref.name() + ":" + ref.tagOrLatest())
                        .put("org.opencontainers.image.ref.name", ref.tagOrLatest())));
                String top = each.layers().isEmpty() ? "" : Digest.parse(each.layers().getLast().diffId).hex();
                ObjectNode repository = repositories.has(ref.familiarName()) ? (ObjectNode) repositories.get(ref.familiarName())
                        : repositories.putObject(ref.familiarName());
                repository.put(ref.tagOrLatest(), top);
            }
            ObjectNode entry = json.objectNode().put("Config", member(row.id));
            ArrayNode repoTags = entry.putArray("RepoTags");
            each.repoTags().forEach(repoTags::add);
            ArrayNode layers = entry.putArray("Layers");
            each.layers().forEach(layer -> layers.add(member(layer.digest)));
            manifests.add(entry);
            if (written.add(row.manifestDigest)) {
                blobMembers.add(TarParts.Member.of(member(row.manifestDigest), row.manifest, EPOCH));
            }
            if (written.add(row.id)) {
                blobMembers.add(TarParts.Member.of(member(row.id), row.configJson.getBytes(StandardCharsets.UTF_8), created));
            }
            for (ImageLayerEntity layer : each.layers()) {
                if (written.add(layer.digest)) {
                    Digest digest = Digest.parse(layer.digest);
                    blobMembers.add(TarParts.Member.of(member(layer.digest), blobs.path(digest), fileSize(digest), created));
                }
            }
        }
        members.add(TarParts.Member.of("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), EPOCH));
        members.add(TarParts.Member.of("index.json", bytes(json.objectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json").set("manifests", descriptors)), EPOCH));
        members.addAll(blobMembers);
        members.add(TarParts.Member.of("manifest.json", bytes(manifests), EPOCH));
        if (!repositories.isEmpty()) {
            members.add(TarParts.Member.of("repositories", bytes(repositories), EPOCH));
        }
        return members;
    }

    private long fileSize(Digest digest) {
        try {
            return java.nio.file.Files.size(blobs.path(digest));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("blob " + digest + " of an image to save is missing from the store", e);
        }
    }

    private static boolean hasTag(String name) {
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) >= 0;
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static String member(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
