package io.berth.image.service;

import io.berth.image.ImageReference;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageRepository;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Finds the image a client's {@code {name}} means, in moby's order: a full id; then a tag or a digest in a
 * repository; then a unique id prefix. Anything else, another tenant's image included, is 404
 * {@code No such image: <familiar ref>}. Must run inside a session.
 *
 * @see <a href="https://github.com/moby/moby/blob/v28.5.2/daemon/images/image.go">moby daemon/images GetImage</a>
 */
@ApplicationScoped
class ImageResolver {
    private static final Pattern HEX_PREFIX = Pattern.compile("[a-f0-9]{1,64}");
    private static final String SHA256 = Digest.ALGORITHM + ":";

    private final ImageRepository images;
    private final TagRepository tags;

    ImageResolver(ImageRepository images, TagRepository tags) {
        this.images = images;
        this.tags = tags;
    }

    Uni<ImageEntity> resolve(TenantId tenant, String name) {
        return match(tenant, name).map(Match::image);
    }

    /**
     * The image {@code name} means, and the tag it was found by when it names one ({@code repository:tag}, Docker's
     * familiar form; null for an id, an id prefix or a digest reference): rmi untags what a tag names.
     */
    record Match(ImageEntity image, String tag) {
    }

    Uni<Match> match(TenantId tenant, String name) {
        Digest fullId = Digest.tryParse(name).orElse(ImageReference.isFullId(name) ? Digest.ofHex(name) : null);
        if (fullId != null) {
            return images.byId(tenant, fullId.toString()).map(found -> new Match(require(found, fullId.toString()), null));
        }
        ImageReference ref = ImageReference.parse(name);
        String notFound = ref.withDefaultTag().familiarString();
        String tag = ref.digest() == null ? ref.withDefaultTag().familiarString() : null;
        return byReference(tenant, ref)
                .flatMap(found -> found != null ? Uni.createFrom().item(new Match(found, tag))
                        : byIdPrefix(tenant, name).map(byId -> byId == null ? null : new Match(byId, null)))
                .map(found -> {
                    if (found == null) {
                        throw noSuchImage(notFound);
                    }
                    return found;
                });
    }

    private Uni<ImageEntity> byReference(TenantId tenant, ImageReference ref) {
        if (ref.digest() == null) {
            return tags.byName(tenant, ref.familiarName(), ref.tagOrLatest())
                    .flatMap(tag -> tag == null ? Uni.createFrom().nullItem() : images.byId(tenant, tag.imageId));
        }
        // A digest names the manifest; it must be one of this repository's (moby's RepoDigests check).
        return tags.inRepository(tenant, ref.familiarName())
                .flatMap(inRepo -> images.byIds(tenant, inRepo.stream().map(tag -> tag.imageId).distinct().toList()))
                .map(candidates -> candidates.stream()
                        .filter(image -> image.manifestDigest.equals(ref.digest().toString()))
                        .findFirst().orElse(null));
    }

    private Uni<ImageEntity> byIdPrefix(TenantId tenant, String name) {
        String hex = name.startsWith(SHA256) ? name.substring(SHA256.length()) : name;
        if (!HEX_PREFIX.matcher(hex).matches()) {
            return Uni.createFrom().nullItem();
        }
        // An ambiguous prefix names no image, as in moby's imageStore.Search.
        return images.byIdPrefix(tenant, hex).map(found -> found.size() == 1 ? found.get(0) : null);
    }

    private static ImageEntity require(ImageEntity found, String shown) {
        if (found == null) {
            throw noSuchImage(shown);
        }
        return found;
    }

    /** Docker's 404 for an image; docker-py and compose key on the words {@code No such image}. */
    static NotFoundException noSuchImage(String shown) {
        return new NotFoundException("No such image: " + shown);
    }
}
