package io.berth.image.service;

import io.berth.events.image.ImageActions;
import io.berth.image.Image;
import io.berth.image.events.ImageEvents;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageUserEntity;
import io.berth.image.store.ImageUsers;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.ConflictException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker rmi}: Docker's untag-versus-delete rules (moby daemon/images/image_delete.go). A tag reference untags
 * that tag, and deletes the image once no tag is left, unless a container uses it (then it stays, dangling). An id
 * untags every tag and deletes the image; it is refused with 409 when the image is tagged in several repositories or
 * a stopped container uses it (both unless {@code force}), or a running container does (even with {@code force}).
 * Removing the last tag of an image a container uses is refused too, unless {@code force}. Every untag and delete is an
 * event; blobs nothing references any more are removed afterwards.
 */
@ApplicationScoped
public class ImageRemoval {
    private final ImageResolver resolver;
    private final TagRepository tags;
    private final ImageUsers users;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final BlobCollector collector;

    ImageRemoval(ImageResolver resolver, TagRepository tags, ImageUsers users, ImageEvents events, OutboxRelay relay,
            BlobCollector collector) {
        this.resolver = resolver;
        this.tags = tags;
        this.users = users;
        this.events = events;
        this.relay = relay;
        this.collector = collector;
    }

    /** One line of rmi's answer: {@code Untagged} or {@code Deleted}, the other null. */
    public record Removed(String untagged, String deleted) {
    }

    /** What a removal answers and which blobs it may have freed (collected after its transaction). */
    record Outcome(List<Removed> removed, List<Digest> freedBlobs) {
    }

    public Uni<List<Removed>> remove(TenantId tenant, String name, boolean force) {
        return Panache.withTransaction(() -> resolver.match(tenant, name).flatMap(match -> {
            ImageEntity row = match.image();
            return tags.forImage(tenant, row.id).flatMap(named -> users.of(tenant, row.id).flatMap(using -> {
                Image image = ImageRows.of(row, named);
                return match.tag() != null
                        ? byTag(tenant, row, image, named, match.tag(), using, force)
                        : byId(tenant, row, image, named, using, force);
            }));
        })).invoke(relay::wakeUp)
                .call(outcome -> collector.collect(outcome.freedBlobs()))
                .map(Outcome::removed);
    }

    private Uni<Outcome> byTag(TenantId tenant, ImageEntity row, Image image, List<TagEntity> named, String tag,
            List<ImageUserEntity> using, boolean force) {
        if (!force && named.size() == 1 && !using.isEmpty()) {
            throw new ConflictException("conflict: unable to remove repository reference \"" + tag + "\" (must force) - container "
                    + shortId(using.getFirst().containerId) + " is using its referenced image " + shortId(row.id));
        }
        TagEntity untag = named.stream().filter(t -> t.repoTag().equals(tag)).findFirst().orElseThrow();
        List<Removed> removed = new ArrayList<>(List.of(new Removed(tag, null)));
        Uni<Void> untagged = tags.delete(untag).flatMap(ignored -> events.publish(tenant, ImageActions.UNTAG, image, row.id));
        if (named.size() > 1 || !using.isEmpty()) {
            // Other tags still name it, or a container keeps it (moby: a removed reference never fails on a user).
            return untagged.replaceWith(new Outcome(removed, List.of()));
        }
        return untagged.flatMap(ignored -> delete(tenant, row, image, removed));
    }

    private Uni<Outcome> byId(TenantId tenant, ImageEntity row, Image image, List<TagEntity> named,
            List<ImageUserEntity> using, boolean force) {
        Optional<ImageUserEntity> running = using.stream().filter(user -> user.running).findFirst();
        if (running.isPresent()) {
            throw new ConflictException("conflict: unable to delete " + shortId(row.id)
                    + " (cannot be forced) - image is being used by running container " + shortId(running.get().containerId));
        }
        if (!force && named.stream().map(t -> t.repository).distinct().count() > 1) {
            throw new ConflictException("conflict: unable to delete " + shortId(row.id)
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        if (!force && !using.isEmpty()) {
            throw new ConflictException("conflict: unable to delete " + shortId(row.id)
                    + " (must be forced) - image is being used by stopped container " + shortId(using.getFirst().containerId));
        }
        return untagAndDelete(tenant, row, image, named);
    }

    /** Untags every tag of the image and deletes it, with their events; inside the caller's transaction. */
    Uni<Outcome> untagAndDelete(TenantId tenant, ImageEntity row, Image image, List<TagEntity> named) {
        List<Removed> removed = new ArrayList<>();
        Uni<Void> untagged = Uni.createFrom().voidItem();
        for (TagEntity tag : named) {
            removed.add(new Removed(tag.repoTag(), null));
            untagged = untagged.flatMap(ignored -> tags.delete(tag))
                    .flatMap(ignored -> events.publish(tenant, ImageActions.UNTAG, image, row.id));
        }
        return untagged.flatMap(ignored -> delete(tenant, row, image, removed));
    }

    private Uni<Outcome> delete(TenantId tenant, ImageEntity row, Image image, List<Removed> removed) {
        List<Digest> blobs = new ArrayList<>(List.of(Digest.parse(row.id), Digest.parse(row.manifestDigest)));
        return ImageLayerEntity.<ImageLayerEntity>list("tenant = ?1 and imageId = ?2", tenant.value(), row.id)
                .invoke(layers -> layers.forEach(layer -> blobs.add(Digest.parse(layer.digest))))
                .flatMap(ignored -> row.delete())
                .flatMap(ignored -> events.publish(tenant, ImageActions.DELETE, image, row.id))
                .map(ignored -> {
                    List<Removed> all = new ArrayList<>(removed);
                    all.add(new Removed(null, row.id));
                    return new Outcome(all, blobs);
                });
    }

    /** Docker's short id: 12 hex digits, without the algorithm. */
    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
