package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.ImageUsers;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code docker image prune}: removes the tenant's images that no container uses, as moby's {@code ImagesPrune}
 * chooses them: only untagged ones unless {@code dangling=false} ({@code -a}), and of those the ones created before
 * {@code until} whose labels match {@code label} and not {@code label!}. Each goes as {@code docker rmi <id>} would
 * (untag and delete events); the space reclaimed is the bytes of the blobs that went with them.
 *
 * @see <a href="https://github.com/moby/moby/blob/v20.10.24/daemon/images/image_prune.go">moby ImagesPrune</a>
 */
@ApplicationScoped
public class ImagePrune {
    private static final Set<String> FILTERS = Set.of("dangling", "label", "label!", "until");

    private final ImageRepository images;
    private final TagRepository tags;
    private final ImageUsers users;
    private final ImageRemoval removal;
    private final OutboxRelay relay;
    private final BlobCollector collector;

    ImagePrune(ImageRepository images, TagRepository tags, ImageUsers users, ImageRemoval removal, OutboxRelay relay,
            BlobCollector collector) {
        this.images = images;
        this.tags = tags;
        this.users = users;
        this.removal = removal;
        this.relay = relay;
        this.collector = collector;
    }

    /** What a prune removed, in rmi's lines, and the bytes it freed. */
    public record Pruned(List<ImageRemoval.Removed> removed, long reclaimed) {
    }

    /** Which images a prune takes; 400 in moby's words for filters it does not know or cannot read. */
    record Selection(boolean danglingOnly, Instant until, DockerFilters filters) {
        static Selection of(DockerFilters filters, Instant now) {
            filters.allowOnly(FILTERS);
            Set<String> until = filters.get("until");
            if (until.size() > 1) {
                throw new InvalidParameterException("more than one until filter specified");
            }
            return new Selection(danglingOnly(filters), until.isEmpty() ? null : DockerTimes.timestamp(until.iterator().next(), now),
                    filters);
        }

        /** moby's {@code GetBoolOrDefault("dangling", true)}. */
        private static boolean danglingOnly(DockerFilters filters) {
            boolean only = true;
            for (String value : filters.get("dangling")) {
                only = switch (value.toLowerCase(Locale.ROOT)) {
                    case "1", "true" -> true;
                    case "0", "false" -> false;
                    default -> throw new InvalidParameterException("invalid filter 'dangling=" + value + "'");
                };
            }
            return only;
        }

        boolean takes(Image image, boolean used) {
            if (used || (danglingOnly && !image.tags().isEmpty()) || (until != null && image.created().isAfter(until))) {
                return false;
            }
            Map<String, String> labels = image.config().config() == null || image.config().config().labels() == null
                    ? Map.of() : image.config().config().labels();
            return filters.matchesLabels("label", labels) && (!filters.has("label!") || !filters.matchesLabels("label!", labels));
        }
    }

    public Uni<Pruned> prune(TenantId tenant, DockerFilters filters) {
        Selection selection = Selection.of(filters, Instant.now());
        return Panache.withTransaction(() -> images.listFor(tenant).flatMap(rows -> tags.listFor(tenant)
                .flatMap(allTags -> users.counts(tenant).flatMap(used -> {
                    Map<String, List<TagEntity>> byImage = allTags.stream().collect(Collectors.groupingBy(tag -> tag.imageId));
                    List<ImageRemoval.Outcome> outcomes = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ImageEntity row : rows) {
                        List<TagEntity> named = byImage.getOrDefault(row.id, List.of());
                        Image image = ImageRows.of(row, named);
                        if (selection.takes(image, used.containsKey(row.id))) {
                            chain = chain.flatMap(ignored -> removal.untagAndDelete(tenant, row, image, named))
                                    .invoke(outcomes::add).replaceWithVoid();
                        }
                    }
                    return chain.replaceWith(outcomes);
                }))))
                .invoke(relay::wakeUp)
                .flatMap(outcomes -> {
                    List<Digest> blobs = outcomes.stream().flatMap(outcome -> outcome.freedBlobs().stream()).toList();
                    List<ImageRemoval.Removed> removed = outcomes.stream().flatMap(outcome -> outcome.removed().stream()).toList();
                    return collector.collect(blobs).map(freed -> new Pruned(removed, freed));
                });
    }
}
