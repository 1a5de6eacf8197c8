package io.berth.worker.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.berth.oci.spec.Spec;
import io.berth.worker.stdio.StdioSettings;
import java.util.List;

/**
 * Body of {@code PUT /containers/{id}}: the container's name, where its image is, its OCI runtime spec, what to do
 * for its bind mounts ({@link MountSources}), and which network namespace its runs have ({@code network}:
 * {@code private}, {@code managed}, {@code host} or {@code container:<id>}; {@code private} when absent). The digest
 * stays text here so that a bad one is answered with the digest's own words, not a JSON binding error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateRequest(String name, ImageLocation image, Spec spec, MountSources mounts, String network,
        StdioSettings stdio) {
    /**
     * {@code copyUp}: destinations of volumes filled from the image when empty; {@code createSources}: host paths of
     * binds made when missing. Either may be absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MountSources(List<String> copyUp, List<String> createSources) {
        public MountSources {
            copyUp = copyUp == null ? List.of() : List.copyOf(copyUp);
            createSources = createSources == null ? List.of() : List.copyOf(createSources);
        }
    }

    /** An image in Berth's registry, by repository and manifest digest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageLocation(String repository, String digest) {
    }
}
