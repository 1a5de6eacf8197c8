package io.berth.container.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of the worker's create call: the container's name, where its image is, and its OCI runtime spec. */
public record WorkerCreateRequest(String name, ImageLocation image, ObjectNode spec) {
    /** An image in Berth's registry, by repository and manifest digest. */
    public record ImageLocation(String repository, String digest) {
    }
}
