package io.berth.image.build;

import io.berth.oci.Digest;

/**
 * A finished layer: the gzipped tar (the blob), its digest, and the digest and size of the tar before compression
 * (the diff id that goes into the image config's {@code rootfs}).
 */
public record BuiltLayer(byte[] compressed, Digest digest, Digest diffId, long uncompressedSize) {
}
