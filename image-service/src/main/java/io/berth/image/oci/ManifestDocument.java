package io.berth.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.oci.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest as a registry receives it: which of the four manifest types it is (OCI image manifest and index, Docker
 * schema 2 manifest and list), what it references (blobs for an image manifest, manifests for an index), and what the
 * referrers API lists it by ({@code subject}, artifact type, annotations). {@link #parse} refuses what is not one of
 * them with a reason a person can act on.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md">OCI image manifest</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md">OCI image index</a>
 */
public record ManifestDocument(String mediaType, List<Reference> blobs, List<Reference> manifests, Digest subject,
        String artifactType, JsonNode annotations) {
    public static final Set<String> IMAGE_TYPES = Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    public static final Set<String> INDEX_TYPES = Set.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);

    /** One descriptor a manifest names: its digest and size, and whether it may live elsewhere ({@code urls}). */
    public record Reference(Digest digest, long size, boolean foreign) {
    }

    /** Why a document is not a manifest Berth takes. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    public boolean isIndex() {
        return INDEX_TYPES.contains(mediaType);
    }

    /**
     * Reads {@code content} sent with {@code contentType}. The type is the header's when it names a manifest type, else
     * the document's own {@code mediaType}; when both are given they must agree (image-spec: {@code mediaType} "MUST"
     * match what the manifest is served as).
     */
    public static ManifestDocument parse(byte[] content, String contentType) throws Invalid {
        JsonNode tree;
        try {
            tree = OciJson.tree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("manifest is not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new Invalid("manifest is not a JSON object");
        }
        String declared = tree.path("mediaType").isTextual() ? tree.get("mediaType").asText() : null;
        String header = contentType == null ? null : contentType.split(";", 2)[0].strip();
        String type = known(header) ? header : declared;
        if (!known(type)) {
            throw new Invalid("unknown manifest media type " + (header != null && !header.isEmpty() ? header : declared)
                    + "; Berth takes " + String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
                            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST));
        }
        if (declared != null && !declared.equals(type)) {
            throw new Invalid("manifest says mediaType " + declared + " but was sent as " + type);
        }
        if (tree.path("schemaVersion").asInt(-1) != 2) {
            throw new Invalid("manifest schemaVersion must be 2");
        }
        Digest subject = tree.has("subject") ? descriptor(tree.get("subject"), "subject").digest() : null;
        JsonNode annotations = tree.path("annotations").isObject() ? tree.get("annotations") : null;
        String artifactType = tree.path("artifactType").isTextual() ? tree.get("artifactType").asText() : null;
        if (INDEX_TYPES.contains(type)) {
            return new ManifestDocument(type, List.of(), descriptors(tree, "manifests", true), subject, artifactType,
                    annotations);
        }
        Reference config = descriptor(tree.get("config"), "config");
        List<Reference> blobs = new ArrayList<>();
        blobs.add(config);
        blobs.addAll(descriptors(tree, "layers", false));
        // The referrers API lists an image manifest by its artifactType, else by its config's media type.
        String listedAs = Optional.ofNullable(artifactType).orElse(tree.path("config").path("mediaType").asText(null));
        return new ManifestDocument(type, List.copyOf(blobs), List.of(), subject, listedAs, annotations);
    }

    private static boolean known(String type) {
        return type != null && (IMAGE_TYPES.contains(type) || INDEX_TYPES.contains(type));
    }

    private static List<Reference> descriptors(JsonNode tree, String field, boolean required) throws Invalid {
        JsonNode list = tree.get(field);
        if (list == null || list.isNull()) {
            if (required) {
                throw new Invalid("manifest has no " + field);
            }
            return List.of();
        }
        if (!list.isArray()) {
            throw new Invalid("manifest " + field + " must be a list");
        }
        List<Reference> references = new ArrayList<>();
        for (JsonNode entry : list) {
            references.add(descriptor(entry, field));
        }
        return references;
    }

    private static Reference descriptor(JsonNode node, String what) throws Invalid {
        if (node == null || !node.isObject()) {
            throw new Invalid("manifest " + what + " must be a descriptor");
        }
        Optional<Digest> digest = Digest.tryParse(node.path("digest").asText(""));
        if (digest.isEmpty()) {
            throw new Invalid("manifest " + what + " has no valid sha256 digest: " + node.path("digest").asText(""));
        }
        long size = node.path("size").asLong(-1);
        if (size < 0) {
            throw new Invalid("manifest " + what + " " + digest.get() + " has no valid size");
        }
        return new Reference(digest.get(), size, node.path("urls").isArray() && !node.get("urls").isEmpty());
    }
}
