package io.berth.image.api;

import io.berth.image.Image;
import io.berth.image.RepoTag;
import io.berth.kit.api.DockerFilters;
import io.berth.kit.api.QueryFlags;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code filters} of {@code GET /images/json} Berth honours: {@code reference} (a glob over
 * {@code name[:tag]}), {@code dangling} and {@code label}. Other keys (before, since, until) are ignored for now
 * rather than refused, so a client that sends them still gets its list.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/images/images.go">moby daemon/images Images</a>
 */
final class ImageFilter {
    private final DockerFilters filters;

    ImageFilter(DockerFilters filters) {
        this.filters = filters;
    }

    boolean matches(Image image) {
        if (filters.has("dangling") && filters.get("dangling").stream().allMatch(QueryFlags::isTrue) != image.tags().isEmpty()) {
            return false;
        }
        if (filters.has("reference") && filters.get("reference").stream().noneMatch(pattern -> referenced(pattern, image))) {
            return false;
        }
        Map<String, String> labels = image.config().config() == null ? null : image.config().config().labels();
        return filters.matchesLabels(labels == null ? Map.of() : labels);
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
