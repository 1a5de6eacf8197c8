package io.berth.image.build;

import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image whose blobs are all in the store, ready to be recorded: its exact config and manifest bytes with their
 * digests, and its layers bottom first. The image id is {@link #configDigest}. What the seed, load, import and pull
 * hand to {@link io.berth.image.service.ImageService#addRows}.
 */
public record NewImage(byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest, String manifestMediaType,
        List<StoredLayer> layers, Instant created) {

    public NewImage {
        layers = List.copyOf(layers);
    }

    /** An image config's {@code created} as an instant; the epoch when it is missing or not RFC 3339. */
    public static Instant created(String created) {
        try {
            return created == null ? Instant.EPOCH : java.time.OffsetDateTime.parse(created).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** Total size of the layers unpacked, what Docker reports as an image's size. */
    public long size() {
        return layers.stream().mapToLong(StoredLayer::size).sum();
    }
}
