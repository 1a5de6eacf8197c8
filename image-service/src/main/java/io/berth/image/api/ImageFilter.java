package io.berth.image.api;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.DockerTimes;
import io.berth.kit.api.QueryFlags;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code filters} of {@code GET /images/json}, as moby's {@code Images} applies them: {@code reference} (a glob
 * over {@code name[:tag]}), {@code dangling}, {@code label} and {@code label!}, {@code before} and {@code since} (an
 * image, compared by creation time) and {@code until} (a time). Any other key is refused with Docker's words.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/images/images.go">moby daemon/images Images</a>
 */
final class ImageFilter {
    private static final Set<String> KEYS = Set.of("dangling", "label", "label!", "before", "since", "reference", "until");

    private final DockerFilters filters;
    private final Instant before;
    private final Instant since;
    private final Instant until;

    private ImageFilter(DockerFilters filters, Instant before, Instant since, Instant until) {
        this.filters = filters;
        this.before = before;
        this.since = since;
        this.until = until;
    }

    /**
     * The filter for {@code filters}; {@code find} looks up the images {@code before} and {@code since} name (404
     * {@code No such image} when there is none, as dockerd answers).
     */
    static Uni<ImageFilter> of(DockerFilters filters, Function<String, Uni<Image>> find, Instant now) {
        filters.allowOnly(KEYS);
        Instant until = filters.get("until").stream().map(value -> DockerTimes.timestamp(value, now)).reduce((a, b) -> b).orElse(null);
        return createdOf(filters, "before", find).flatMap(before -> createdOf(filters, "since", find)
                .map(since -> new ImageFilter(filters, before, since, until)));
    }

    /** When the image the filter names was created; the last value wins, as moby's WalkValues leaves it. */
    private static Uni<Instant> createdOf(DockerFilters filters, String key, Function<String, Uni<Image>> find) {
        Uni<Instant> created = Uni.createFrom().nullItem();
        for (String name : filters.get(key)) {
            created = created.flatMap(ignored -> find.apply(name)).map(Image::created);
        }
        return created;
    }

    boolean matches(Image image) {
        if (filters.has("dangling") && filters.get("dangling").stream().allMatch(QueryFlags::isTrue) != image.tags().isEmpty()) {
            return false;
        }
        if (filters.has("reference") && filters.get("reference").stream().noneMatch(pattern -> referenced(pattern, image))) {
            return false;
        }
        if ((before != null && !image.created().isBefore(before)) || (since != null && !image.created().isAfter(since))
                || (until != null && !image.created().isBefore(until))) {
            return false;
        }
        Map<String, String> labels = image.config().config() == null ? null : image.config().config().labels();
        Map<String, String> present = labels == null ? Map.of() : labels;
        return filters.matchesLabels(present) && (!filters.has("label!") || !filters.matchesLabels("label!", present));
    }

    /**
     * The image as the list shows it: with a {@code reference} filter, only the tags that match (and so only their
     * repositories' digests), as dockerd lists them.
     */
    Image shown(Image image) {
        if (!filters.has("reference")) {
            return image;
        }
        List<RepoTag> matching = image.tags().stream()
                .filter(tag -> filters.get("reference").stream().anyMatch(pattern -> referenced(glob(pattern), tag))).toList();
        return new Image(image.id(), image.manifestDigest(), image.manifestMediaType(), image.config(), image.size(),
                image.created(), matching);
    }

    /** moby's reference.FamiliarMatch: the pattern against {@code name:tag}, then against the name alone. */
    private static boolean referenced(String pattern, Image image) {
        Pattern glob = glob(pattern);
        return image.tags().stream().anyMatch(tag -> referenced(glob, tag));
    }

    private static boolean referenced(Pattern glob, RepoTag tag) {
        return glob.matcher(tag.toString()).matches() || glob.matcher(tag.repository()).matches();
    }

    /** Go's path.Match as a regex: {@code *} and {@code ?} stop at {@code /}; {@code [...]} is a class. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String body = pattern.substring(i + 1, end).replace("\\", "\\\\");
                        regex.append('[').append(body.startsWith("^") ? "^" + body.substring(1) : body).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
