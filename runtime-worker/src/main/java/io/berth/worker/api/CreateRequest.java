package io.berth.worker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of {@code PUT /containers/{id}}: the container's name, where its image is, and its OCI runtime spec. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateRequest(String name, ImageLocation image, ObjectNode spec) {
    /** An image in Berth's registry, by repository and manifest digest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageLocation(String repository, String digest) {
    }
}
