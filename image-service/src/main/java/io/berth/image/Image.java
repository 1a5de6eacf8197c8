package io.berth.image;

import io.berth.image.oci.OciImageConfig;
import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An image of one tenant as the use cases see it: id (its config digest), the manifest in Berth's registry, the
 * parsed config, and the tags that name it.
 */
public record Image(Digest id, Digest manifestDigest, String manifestMediaType, OciImageConfig config, long size,
        Instant created, List<RepoTag> tags) {

    public Image {
        tags = List.copyOf(tags);
    }

    /** The repositories it is tagged in, each once, in order. */
    public List<String> repositories() {
        return tags.stream().map(RepoTag::repository).distinct().toList();
    }

    /** When it was last tagged, if ever. */
    public Optional<Instant> lastTagTime() {
        return tags.stream().map(RepoTag::taggedAt).max(Instant::compareTo);
    }
}
