package io.berth.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest: the config blob and the layer blobs of one image, in order.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md">OCI image manifest</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations"})
public record OciManifest(int schemaVersion, String mediaType, OciDescriptor config, List<OciDescriptor> layers,
        Map<String, String> annotations) {
    /** An OCI manifest of these blobs, without annotations. */
    public static OciManifest of(OciDescriptor config, List<OciDescriptor> layers) {
        return new OciManifest(2, MediaTypes.OCI_MANIFEST, config, List.copyOf(layers), null);
    }
}
