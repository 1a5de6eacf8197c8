package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.ImageReference;
import io.berth.image.oci.ManifestDocument;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciJson;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image as a registry has it, read before any layer is fetched (moby distribution/pull_v2.go): the manifest the
 * reference names, or, for an index, the one for the platform asked for; its config; its layers. Every document is
 * checked against its digest, and is at most 4 MiB as the distribution spec allows.
 */
public record RemoteImage(byte[] manifest, String mediaType, Digest manifestDigest, Digest shownDigest, byte[] config,
        Digest configDigest, List<Layer> layers) {
    static final int MAX_MANIFEST = 4 * 1024 * 1024;
    static final int MAX_CONFIG = 8 * 1024 * 1024;
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final Set<String> LAYER_TYPES = Set.of(MediaTypes.OCI_LAYER, MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD,
            DOCKER_LAYER);
    private static final String ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST,
            MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);

    /** One layer to fetch: its blob's digest, size and media type. */
    public record Layer(Digest digest, long size, String mediaType) {
        /** moby's short id of a layer in progress lines: the blob digest's first 12 hex digits. */
        public String shortId() {
            return digest.hex().substring(0, 12);
        }
    }

    /** Reads the manifest (and the platform's, through an index) and the config of {@code reference}. */
    public static RemoteImage fetch(RegistrySession session, ImageReference reference, Platform platform) {
        String tagOrDigest = reference.digest() != null ? reference.digest().toString() : reference.tagOrLatest();
        String shown = reference.familiarName() + (reference.digest() != null ? "@" + reference.digest() : ":" + reference.tagOrLatest());
        Document top = manifest(session, tagOrDigest, reference.digest(), "manifest for " + shown);
        Document image = top;
        if (top.parsed().isIndex()) {
            Digest chosen = choose(top.bytes(), platform);
            image = manifest(session, chosen.toString(), chosen, "manifest for " + shown);
            if (image.parsed().isIndex()) {
                throw new InternalException("the manifest for " + platform + " of " + shown + " is itself an index");
            }
        }
        JsonNode tree = tree(image.bytes());
        Digest configDigest = Digest.parse(tree.path("config").path("digest").asText());
        byte[] config = blob(session, configDigest, MAX_CONFIG);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : tree.path("layers")) {
            String type = layer.path("mediaType").asText("");
            if (layer.path("urls").isArray() && !layer.get("urls").isEmpty()) {
                throw new InternalException("layer " + layer.path("digest").asText() + " is a foreign layer (" + type
                        + "), to be fetched from elsewhere, which Berth does not do");
            }
            if (!LAYER_TYPES.contains(type)) {
                throw new InternalException("unsupported layer media type " + type + " in " + shown + "; Berth takes "
                        + String.join(", ", LAYER_TYPES));
            }
            layers.add(new Layer(Digest.parse(layer.path("digest").asText()), layer.path("size").asLong(), type));
        }
        return new RemoteImage(image.bytes(), image.parsed().mediaType(), Digest.of(image.bytes()), Digest.of(top.bytes()),
                config, configDigest, List.copyOf(layers));
    }

    /** What {@code GET /distribution/{name}/json} answers: the descriptor the reference names, and its platforms. */
    public record Distribution(Descriptor descriptor, List<Map<String, Object>> platforms) {
    }

    /** An OCI descriptor as moby writes it in that answer. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    /**
     * The manifest or index {@code reference} names, without fetching what it refers to beyond an image's config: the
     * platforms of an index's entries, or the one of an image's config (moby 20.10's distribution route).
     */
    public static Distribution distribution(RegistrySession session, ImageReference reference) {
        String tagOrDigest = reference.digest() != null ? reference.digest().toString() : reference.tagOrLatest();
        // dockerd's distribution route answers a missing manifest in the registry's words alone.
        Document top = manifest(session, tagOrDigest, reference.digest(), null);
        List<Map<String, Object>> platforms = new ArrayList<>();
        if (top.parsed().isIndex()) {
            for (JsonNode entry : tree(top.bytes()).path("manifests")) {
                platforms.add(platform(entry.path("platform")));
            }
        } else {
            Digest configDigest = Digest.parse(tree(top.bytes()).path("config").path("digest").asText());
            platforms.add(platform(tree(blob(session, configDigest, MAX_CONFIG))));
        }
        return new Distribution(new Descriptor(top.parsed().mediaType(), Digest.of(top.bytes()).toString(), top.bytes().length),
                List.copyOf(platforms));
    }

    /** An OCI platform: the members an index entry or an image config has, empty ones left out as Go does. */
    private static Map<String, Object> platform(JsonNode from) {
        Map<String, Object> platform = new LinkedHashMap<>();
        // In the order of Go's ocispec.Platform.
        for (String key : List.of("architecture", "os", "os.version", "os.features", "variant")) {
            JsonNode value = from.path(key);
            if (key.equals("os.features") && value.isArray() && !value.isEmpty()) {
                List<String> features = new ArrayList<>();
                value.forEach(feature -> features.add(feature.asText()));
                platform.put(key, features);
            } else if (value.isTextual() && !value.asText().isEmpty()) {
                platform.put(key, value.asText());
            }
        }
        return platform;
    }

    private record Document(byte[] bytes, ManifestDocument parsed) {
    }

    private static Document manifest(RegistrySession session, String tagOrDigest, Digest expected, String what) {
        try (RegistrySession.Answer answer = session.get("manifests/" + tagOrDigest, ACCEPT)) {
            if (answer.status() != 200) {
                throw RegistrySession.failure(answer, what);
            }
            byte[] bytes = limited(answer.body(), MAX_MANIFEST, "the manifest " + tagOrDigest);
            if (expected != null && !Digest.of(bytes).equals(expected)) {
                throw new InternalException("manifest verification failed for digest " + expected);
            }
            try {
                return new Document(bytes, ManifestDocument.parse(bytes, answer.header("Content-Type").orElse(null)));
            } catch (ManifestDocument.Invalid e) {
                throw new InternalException((what == null ? "the manifest " + tagOrDigest : what) + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new InternalException("reading the manifest " + tagOrDigest + ": " + RegistrySession.describe(e));
        }
    }

    /** The index entry for {@code platform}, as moby's platform matcher picks it (first match wins). */
    private static Digest choose(byte[] index, Platform platform) {
        for (JsonNode entry : tree(index).path("manifests")) {
            JsonNode p = entry.path("platform");
            if (platform.matches(p.path("os").asText(""), p.path("architecture").asText(""), p.path("variant").asText(null))) {
                return Digest.parse(entry.path("digest").asText());
            }
        }
        throw new NotFoundException("no matching manifest for " + platform + " in the manifest list entries");
    }

    private static byte[] blob(RegistrySession session, Digest digest, int max) {
        try (RegistrySession.Answer answer = session.get("blobs/" + digest, null)) {
            if (answer.status() != 200) {
                throw RegistrySession.failure(answer, "blob " + digest);
            }
            byte[] bytes = limited(answer.body(), max, "the config " + digest);
            if (!Digest.of(bytes).equals(digest)) {
                throw new InternalException("filesystem layer verification failed for digest " + digest);
            }
            return bytes;
        } catch (IOException e) {
            throw new InternalException("reading blob " + digest + ": " + RegistrySession.describe(e));
        }
    }

    private static byte[] limited(InputStream body, int max, String what) throws IOException {
        byte[] bytes = body.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new InternalException(what + " is over " + (max / (1024 * 1024)) + " MiB, more than Berth takes");
        }
        return bytes;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return OciJson.tree(json);
        } catch (IOException e) {
            throw new InternalException("the registry sent a manifest that is not JSON");
        }
    }
}
