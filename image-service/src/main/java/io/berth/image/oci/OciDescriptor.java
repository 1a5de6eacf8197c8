package io.berth.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A content descriptor: what a manifest says about each blob it references.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md">OCI descriptor</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mediaType", "digest", "size", "annotations"})
public record OciDescriptor(String mediaType, String digest, long size, Map<String, String> annotations) {
    public static OciDescriptor of(String mediaType, String digest, long size) {
        return new OciDescriptor(mediaType, digest, size, null);
    }
}
