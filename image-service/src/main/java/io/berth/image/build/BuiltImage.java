package io.berth.image.build;

import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image ready to store: the exact config and manifest bytes with their digests, and the layers. The image id is
 * {@link #configDigest}.
 */
public record BuiltImage(byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest, String manifestMediaType,
        List<BuiltLayer> layers, Instant created) {

    /** Total size of the layers before compression, what Docker reports as an image's size. */
    public long size() {
        return layers.stream().mapToLong(BuiltLayer::uncompressedSize).sum();
    }
}
