package io.berth.worker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.berth.oci.spec.Spec;

/**
 * Body of {@code PUT /containers/{id}}: the container's name, where its image is, and its OCI runtime spec. The
 * digest stays text here so that a bad one is answered with the digest's own words, not a JSON binding error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateRequest(String name, ImageLocation image, Spec spec) {
    /** An image in Berth's registry, by repository and manifest digest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageLocation(String repository, String digest) {
    }
}
