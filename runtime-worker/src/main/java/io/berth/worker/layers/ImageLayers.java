package io.berth.worker.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.ChainIds;
import io.berth.oci.Digest;
import io.berth.worker.Exec;
import io.berth.worker.Files2;
import io.berth.worker.NodePaths;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The node's layer cache: makes sure every layer of an image is unpacked, once per chain id, into
 * {@code layers/<chain hex>/diff}, and answers the overlay lower dirs. A layer is unpacked in a scratch dir and
 * renamed into place, so a crash never leaves half a layer where the cache would trust it.
 */
@ApplicationScoped
public class ImageLayers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Docker's familiar repository name: a path, after a registry host (and port) for an image pulled from one. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "([a-zA-Z0-9][a-zA-Z0-9.-]*(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(10);
    private final RegistryClient registry;
    private final NodePaths paths;
    private final WhiteoutOps whiteouts = new NativeWhiteoutOps();
    private final ConcurrentHashMap<Digest, Object> unpacking = new ConcurrentHashMap<>();

    ImageLayers(RegistryClient registry, NodePaths paths) {
        this.registry = registry;
        this.paths = paths;
    }

    /** Sweeps what a crash left in scratch space. */
    void onStart(@Observes StartupEvent event) throws IOException {
        Files2.deleteTree(paths.tmp());
        Files.createDirectories(paths.tmp());
        Files.createDirectories(paths.layers());
    }

    /** The image's unpacked layers as overlay lower dirs, top layer first. */
    public List<Path> ensure(TenantId tenant, String repository, Digest manifestDigest) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new InvalidParameterException("invalid image repository: " + repository);
        }
        JsonNode manifest = readJson(registry.manifest(tenant, repository, manifestDigest));
        if (manifest.has("manifests")) {
            manifest = readJson(registry.manifest(tenant, repository, pickPlatform(manifest, repository)));
        }
        Digest configDigest = fromRegistry(manifest.path("config").path("digest").asText(null), "config");
        JsonNode config = readJson(registry.blob(tenant, repository, configDigest));
        List<Digest> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(fromRegistry(d.asText(), "diff id")));
        List<Digest> layerDigests = new ArrayList<>();
        manifest.path("layers").forEach(l -> layerDigests.add(fromRegistry(l.path("digest").asText(null), "layer")));
        if (diffIds.size() != layerDigests.size()) {
            throw new InternalException("image " + repository + "@" + manifestDigest + " has " + layerDigests.size()
                    + " layers but " + diffIds.size() + " diff ids");
        }
        List<Digest> chainIds = ChainIds.of(diffIds);
        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < chainIds.size(); i++) {
            lowers.addFirst(unpacked(tenant, repository, layerDigests.get(i), chainIds.get(i)));
        }
        if (lowers.isEmpty()) {
            lowers.add(emptyLayer());
        }
        return lowers;
    }

    /** Docker's platform choice for a node: linux/amd64 (the only platform Berth nodes run today). */
    private static Digest pickPlatform(JsonNode index, String repository) {
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            if ("linux".equals(platform.path("os").asText()) && "amd64".equals(platform.path("architecture").asText())) {
                return fromRegistry(entry.path("digest").asText(null), "manifest");
            }
        }
        throw new NotFoundException("No such image: " + repository + " (no linux/amd64 manifest)");
    }

    /** image-service wrote these digests: one that does not parse is its fault, not the caller's. */
    private static Digest fromRegistry(String text, String what) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InternalException("image-service sent an image whose " + what + " has an " + e.getMessage(), e);
        }
    }

    private Path unpacked(TenantId tenant, String repository, Digest layerDigest, Digest chainId) {
        Path layer = paths.layers().resolve(chainId.hex());
        Path diff = layer.resolve("diff");
        if (Files.isDirectory(diff)) {
            return diff;
        }
        synchronized (unpacking.computeIfAbsent(chainId, key -> new Object())) {
            if (Files.isDirectory(diff)) {
                return diff;
            }
            Path scratch = paths.tmp().resolve("layer-" + UUID.randomUUID());
            Path blob = paths.tmp().resolve("blob-" + UUID.randomUUID());
            try {
                Files.createDirectories(scratch.resolve("diff"));
                registry.blobToFile(tenant, repository, layerDigest, blob);
                // GNU tar recognises gzip and zstd by itself; members with ".." or absolute names are refused.
                Exec.Result tar = Exec.run(List.of("tar", "-x", "--numeric-owner", "--xattrs", "--xattrs-include=*",
                        "-f", blob.toString(), "-C", scratch.resolve("diff").toString()), UNPACK_TIMEOUT);
                if (!tar.ok()) {
                    throw new InternalException("cannot unpack layer " + layerDigest + ": " + tar.output());
                }
                Whiteouts.convert(scratch.resolve("diff"), whiteouts);
                Files.move(scratch, layer, StandardCopyOption.ATOMIC_MOVE);
                return diff;
            } catch (IOException e) {
                throw new InternalException("cannot unpack layer " + layerDigest + ": " + e.getMessage(), e);
            } finally {
                Files2.deleteTree(scratch);
                Files2.deleteTree(blob);
            }
        }
    }

    private Path emptyLayer() {
        Path empty = paths.layers().resolve("empty");
        try {
            return Files.createDirectories(empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InternalException("image-service sent JSON the worker cannot read: " + e.getMessage(), e);
        }
    }
}
