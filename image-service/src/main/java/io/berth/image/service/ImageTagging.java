package io.berth.image.service;

import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.events.ImageEvents;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * {@code docker tag}: names an image {@code repo:tag} (moving the tag when it named another image), with a {@code tag}
 * event whose {@code name} is the new reference (moby daemon/images/image_tag.go).
 */
@ApplicationScoped
public class ImageTagging {
    private final ImageResolver resolver;
    private final TagRepository tags;
    private final ImageEvents events;
    private final OutboxRelay relay;

    ImageTagging(ImageResolver resolver, TagRepository tags, ImageEvents events, OutboxRelay relay) {
        this.resolver = resolver;
        this.tags = tags;
        this.events = events;
        this.relay = relay;
    }

    /**
     * Tags the image {@code name} means as {@code repo} (which may carry a tag) and {@code tag} (latest when neither
     * says one). The Go client sends {@code repo} fully qualified ({@code docker.io/library/x}); it is kept in Docker's
     * familiar form.
     */
    public Uni<String> tag(TenantId tenant, String name, String repo, String tag) {
        ImageReference target = target(repo, tag);
        return Panache.withTransaction(() -> resolver.resolve(tenant, name).flatMap(row -> {
            TagEntity named = new TagEntity();
            named.tenant = tenant.value();
            named.repository = target.familiarName();
            named.tag = target.tagOrLatest();
            named.imageId = row.id;
            named.taggedAt = Instant.now();
            return tags.put(named).flatMap(ignored -> tags.forImage(tenant, row.id))
                    .flatMap(all -> events.publish(tenant, ImageActions.TAG, ImageRows.of(row, all), named.repoTag()));
        })).invoke(relay::wakeUp).replaceWith(target.withDefaultTag().familiarString());
    }

    /** moby's postImagesTag: the repository must parse, carry no digest, and the tag must be valid. */
    static ImageReference target(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            throw new InvalidParameterException("repo must name the repository to tag the image in");
        }
        ImageReference ref = ImageReference.parse(repo);
        if (ref.digest() != null) {
            throw new InvalidParameterException("refusing to create a tag with a digest reference");
        }
        if (tag != null && !tag.isEmpty()) {
            if (ref.tag() != null) {
                throw new InvalidParameterException("invalid reference format: repo " + repo + " already has a tag");
            }
            ref = ImageReference.parse(repo + ":" + tag);
        }
        return ref.withDefaultTag();
    }
}
