package io.berth.image.build;

import io.berth.image.oci.MediaTypes;
import io.berth.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image ready to store: the exact config and manifest bytes with their digests, and the layers. The image id is
 * {@link #configDigest}.
 */
public record BuiltImage(byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest, String manifestMediaType,
        List<BuiltLayer> layers, Instant created) {

    /** The same image as the store records it, once its blobs are stored. */
    public NewImage stored() {
        return new NewImage(config, configDigest, manifest, manifestDigest, manifestMediaType, layers.stream()
                .map(layer -> new StoredLayer(layer.digest(), layer.compressed().length, MediaTypes.OCI_LAYER_GZIP,
                        layer.diffId(), layer.uncompressedSize()))
                .toList(), created);
    }

    /** Total size of the layers before compression, what Docker reports as an image's size. */
    public long size() {
        return layers.stream().mapToLong(BuiltLayer::uncompressedSize).sum();
    }
}
