package io.berth.image.build;

import io.berth.oci.Digest;

/**
 * A layer whose blob is in the store: the blob's digest, size and media type (a tar, gzipped or not), and the
 * digest and size of the tar it unpacks to (its diff id, and what Docker counts as its size).
 */
public record StoredLayer(Digest digest, long blobSize, String mediaType, Digest diffId, long size) {
}
