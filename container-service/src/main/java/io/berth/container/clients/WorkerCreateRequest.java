package io.berth.container.clients;

import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;

/**
 * Body of the worker's create call: the container's name, where its image is, its OCI runtime spec, and its runs'
 * network namespace ({@code private}, {@code managed}, {@code host} or {@code container:<id>}).
 */
public record WorkerCreateRequest(String name, ImageLocation image, Spec spec, String network) {
    /** An image in Berth's registry, by repository and manifest digest. */
    public record ImageLocation(String repository, Digest digest) {
    }
}
