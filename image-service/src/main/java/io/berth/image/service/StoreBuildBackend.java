package io.berth.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.Image;
import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.ImageFiles;
import io.berth.image.clients.WorkerBuildSteps;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.SourceTree;
import io.berth.image.build.dockerfile.HealthConfig;
import io.berth.image.build.executor.BuildBackend;
import io.berth.image.build.executor.BuildOutput;
import io.berth.image.build.steps.BuildMessages;
import io.berth.image.build.steps.ClassicImageConfig;
import io.berth.image.build.steps.CopyLayer;
import io.berth.image.build.steps.ProcessUser;
import io.berth.image.build.steps.RunStep;
import io.berth.image.build.steps.StageConfig;
import io.berth.image.build.steps.StepCacheKey;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciDescriptor;
import io.berth.image.oci.OciJson;
import io.berth.image.oci.OciManifest;
import io.berth.image.pull.Platform;
import io.berth.image.pull.ProgressSink;
import io.berth.image.pull.RegistryConfigs;
import io.berth.image.store.BuildSteps;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.ImageRepository;
import io.berth.kit.api.EngineVersion;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.OciSpec;
import io.berth.oci.spec.ProcessSettings;
import io.berth.oci.spec.Spec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A classic build's {@link BuildBackend} over the image store, for one tenant and one build: base images come from the
 * tenant's images (pulled when missing, with the request's {@code X-Registry-Config} credentials), each step's image is written as Docker writes it (config with
 * {@code container_config}, history and {@code rootfs}; an OCI manifest; a step's layer kept as the uncompressed tar
 * it was written as, so its digest is its diff id) and recorded in the build cache ({@code build_step}); the build's
 * image is added to the tenant's images when it is tagged or finished. Blocking: it runs on the build's own thread
 * and borrows a Vert.x context for each database call.
 */
final class StoreBuildBackend implements BuildBackend {
    /** An image this build knows: its exact config and manifest, its layers, and the config read. */
    record Known(String id, byte[] config, JsonNode tree, byte[] manifest, Digest manifestDigest, List<StoredLayer> layers,
            Instant created) {
        NewImage image() {
            return new NewImage(config, Digest.parse(id), manifest, manifestDigest, MediaTypes.OCI_MANIFEST, layers, created);
        }
    }

    private final TenantId tenant;
    private final BlobStore blobs;
    private final ImageService images;
    private final ImageRepository imageRows;
    private final ImageTagging tagging;
    private final ImagePull pull;
    private final BuildSteps steps;
    private final WorkerBuildSteps worker;
    private final RegistryConfigs registries;
    private final Path workDir;
    private final Clock clock;
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, ImageFiles> files = new HashMap<>();
    private final List<BuildContext> trees = new ArrayList<>();
    private String recorded;

    StoreBuildBackend(TenantId tenant, BlobStore blobs, ImageService images, ImageRepository imageRows,
            ImageTagging tagging, ImagePull pull, BuildSteps steps, WorkerBuildSteps worker,
            RegistryConfigs registries, Path workDir, Clock clock) {
        this.tenant = tenant;
        this.blobs = blobs;
        this.images = images;
        this.imageRows = imageRows;
        this.tagging = tagging;
        this.pull = pull;
        this.steps = steps;
        this.worker = worker;
        this.registries = registries;
        this.workDir = workDir;
        this.clock = clock;
    }

    @Override
    public BaseImage base(String reference, boolean alwaysPull, BuildOutput out) {
        Image image = null;
        if (!alwaysPull) {
            try {
                image = await(() -> images.inspect(tenant, reference));
            } catch (NotFoundException e) {
                // Pulled below, as the classic builder does for a base it does not have.
            }
        }
        if (image == null) {
            ImageReference named = ImageReference.parse(reference).withDefaultTag();
            ImagePull.Request request = new ImagePull.Request(named, Platform.host(), registries.forDomain(named.domain()));
            ImagePull.Plan plan = await(() -> pull.resolve(tenant, request));
            await(() -> pull.run(tenant, plan, new PullProgress(out)));
            image = await(() -> images.inspect(tenant, reference));
        }
        Known base = fromImageRow(image.id().toString());
        return new BaseImage(base.id(), stageConfig(base.tree().path("config")));
    }

    @Override
    public Optional<String> cached(StepCacheKey key) {
        Optional<BuildSteps.Row> row = await(() -> Panache.withSession(() -> steps.byKey(tenant, key.digest())));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return fromCacheRow(row.get()).map(Known::id);
    }

    @Override
    public String commit(Step step) {
        Known parent = step.parentId().isEmpty() ? null : known(step.parentId());
        List<StoredLayer> layers = new ArrayList<>(parent == null ? List.of() : parent.layers());
        if (step.layer() != null) {
            layers.add(storeLayer(step.layer(), step.layerDigest()));
        }
        Instant now = clock.instant();
        List<ClassicImageConfig.History> history = new ArrayList<>(parent == null ? List.of() : history(parent.tree()));
        history.add(new ClassicImageConfig.History(now, step.config().author(), step.createdBy(), "", step.layer() == null));
        List<String> diffIds = layers.stream().map(layer -> layer.diffId().toString()).toList();
        byte[] config = ClassicImageConfig.write(step.config(), step.parentId(), step.containerCmd(), now, EngineVersion.VALUE,
                history, diffIds);
        byte[] manifest = manifest(config, layers);
        Digest configDigest = blobs.put(config);
        Digest manifestDigest = blobs.put(manifest);
        Known image = new Known(configDigest.toString(), config, tree(config), manifest, manifestDigest, layers, now);
        known.put(image.id(), image);
        BuildSteps.Row row = new BuildSteps.Row(image.id(), manifestDigest.toString(),
                layers.stream().map(layer -> layer.digest().toString()).toList(),
                layers.stream().map(StoredLayer::size).toList());
        long size = layers.stream().mapToLong(StoredLayer::size).sum();
        await(() -> Panache.withTransaction(() -> steps.put(tenant, step.key().digest(), row, size, now)));
        return image.id();
    }

    @Override
    public RunOutcome run(String parentId, StageConfig config, RunStep step, BuildOutput out) {
        if (parentId.isEmpty()) {
            // dockerd tries and its runtime finds no shell; there is nothing to run a command with in an empty image.
            throw new InvalidParameterException("a RUN step needs an image with the command in it: this stage has no"
                    + " base image (FROM scratch) and no files yet");
        }
        if (step.script() != null) {
            throw new InvalidParameterException("Berth's builder does not run heredoc scripts with #! yet (issue 8):"
                    + " write the script with a shell, RUN <<EOF without #!");
        }
        Known parent = known(parentId);
        ProcessUser user = ProcessUser.resolve(config.user(), target(parentId));
        String id = stepId();
        String workingDir = config.workingDir().isEmpty() ? "/" : config.workingDir();
        Spec spec = OciSpec.of(new ProcessSettings(step.cmd(), step.env(), workingDir, id.substring(0, 12), false,
                user.uid(), user.gid()));
        out.write(BuildMessages.runningIn(id));
        try {
            int exit = worker.run(tenant, id, LocalImageReads.BUILD_REPOSITORY, parent.manifestDigest().toString(), spec,
                    (stream, bytes) -> {
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        out.write(stream == 2 ? BuildMessages.stderr(text) : BuildMessages.stream(text));
                    });
            if (exit != 0) {
                return new RunOutcome(exit, null);
            }
            Path layer = Files.createTempFile(workDir, "run-", ".tar");
            Digest digest = worker.diff(tenant, id, layer);
            out.write(BuildMessages.removing(id));
            return new RunOutcome(0, layer, digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // No step container stays behind, the failed ones included (dockerd keeps those unless --force-rm).
            worker.delete(tenant, id);
        }
    }

    private static String stepId() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    @Override
    public CopyLayer.Target target(String imageId) {
        return imageId.isEmpty() ? CopyLayer.EMPTY_IMAGE : files(imageId);
    }

    @Override
    public SourceTree tree(String imageId) {
        try {
            Path merged = Files.createTempFile(workDir, "tree-", ".tar");
            try {
                try (OutputStream out = Files.newOutputStream(merged)) {
                    (imageId.isEmpty() ? ImageFiles.of(List.of()) : files(imageId)).writeMerged(out);
                }
                BuildContext tree;
                try (InputStream in = Files.newInputStream(merged)) {
                    tree = BuildContext.read(in, workDir);
                }
                trees.add(tree);
                return tree;
            } finally {
                Files.deleteIfExists(merged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void tag(String imageId, String reference) {
        record(imageId);
        await(() -> tagging.tag(tenant, imageId, reference, null));
    }

    /** Adds the build's image to the tenant's images (once); the tags do it already when there are any. */
    void record(String imageId) {
        if (imageId.equals(recorded)) {
            return;
        }
        NewImage image = known(imageId).image();
        await(() -> Panache.withTransaction(() -> images.addRows(tenant, image)));
        recorded = imageId;
    }

    /** Removes the trees {@code COPY --from} read. */
    void close() {
        for (BuildContext tree : trees) {
            try {
                tree.close();
            } catch (IOException e) {
                // its file goes with the build's work dir
            }
        }
    }

    // ---------------------------------------------------------------- images this build knows

    private Known known(String id) {
        Known image = known.get(id);
        if (image != null) {
            return image;
        }
        // An image found by a cache hit is known already; a stage base is an image of the tenant's.
        Optional<BuildSteps.Row> row = await(() -> Panache.withSession(() -> steps.byImage(tenant, id)));
        return row.flatMap(this::fromCacheRow).orElseGet(() -> fromImageRow(id));
    }

    private Known fromImageRow(String id) {
        Known cached = known.get(id);
        if (cached != null) {
            return cached;
        }
        ImageEntity row = await(() -> Panache.withSession(() -> imageRows.byId(tenant, id)));
        if (row == null) {
            throw new NotFoundException("No such image: " + id);
        }
        List<ImageLayerEntity> layerRows = await(() -> Panache.withSession(() -> ImageLayerEntity
                .<ImageLayerEntity>list("tenant = ?1 and imageId = ?2 order by position", tenant.value(), id)));
        byte[] config = row.configJson.getBytes(StandardCharsets.UTF_8);
        List<Long> sizes = layerRows.stream().map(layer -> layer.size).toList();
        Known image = known(id, config, row.manifest, Digest.parse(row.manifestDigest), sizes, row.created);
        known.put(id, image);
        return image;
    }

    private Optional<Known> fromCacheRow(BuildSteps.Row row) {
        Known cached = known.get(row.imageId());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            byte[] config = Files.readAllBytes(blobs.path(Digest.parse(row.imageId())));
            Digest manifestDigest = Digest.parse(row.manifestDigest());
            byte[] manifest = Files.readAllBytes(blobs.path(manifestDigest));
            JsonNode tree = tree(config);
            Instant created = NewImage.created(tree.path("created").asText(null));
            Known image = known(row.imageId(), config, manifest, manifestDigest, row.layerSizes(), created);
            if (!image.layers().stream().allMatch(layer -> blobs.contains(layer.digest()))) {
                return Optional.empty();
            }
            known.put(image.id(), image);
            return Optional.of(image);
        } catch (NoSuchFileException e) {
            // A cached step whose blobs are gone is no hit: the step is done again.
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Known known(String id, byte[] config, byte[] manifest, Digest manifestDigest, List<Long> sizes,
            Instant created) {
        JsonNode tree = tree(config);
        OciManifest parsed = OciJson.read(manifest, OciManifest.class);
        List<OciDescriptor> descriptors = parsed.layers() == null ? List.of() : parsed.layers();
        JsonNode diffIds = tree.path("rootfs").path("diff_ids");
        List<StoredLayer> layers = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            OciDescriptor d = descriptors.get(i);
            long size = i < sizes.size() ? sizes.get(i) : d.size();
            layers.add(new StoredLayer(Digest.parse(d.digest()), d.size(), d.mediaType(), Digest.parse(diffIds.path(i).asText()),
                    size));
        }
        return new Known(id, config, tree, manifest, manifestDigest, layers, created);
    }

    private ImageFiles files(String imageId) {
        return files.computeIfAbsent(imageId, id -> ImageFiles.of(known(id).layers().stream()
                .map(layer -> blobs.path(layer.digest())).toList()));
    }

    // ---------------------------------------------------------------- writing a step's image

    /**
     * Moves a step's layer tar into the store under its digest (an uncompressed layer: its digest is its diff id),
     * taken while it was written when {@code known}, else read here.
     */
    private StoredLayer storeLayer(Path file, Digest known) {
        try {
            Digest digest = known;
            if (digest == null) {
                Digest.Hasher hasher = Digest.hasher();
                try (InputStream in = hasher.reading(Files.newInputStream(file))) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                digest = hasher.digest();
            }
            long size = Files.size(file);
            blobs.moveIn(file, digest);
            return new StoredLayer(digest, size, MediaTypes.OCI_LAYER, digest, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a build layer", e);
        }
    }

    private static byte[] manifest(byte[] config, List<StoredLayer> layers) {
        return OciJson.write(OciManifest.of(OciDescriptor.of(MediaTypes.OCI_CONFIG, Digest.of(config).toString(), config.length),
                layers.stream().map(layer -> OciDescriptor.of(layer.mediaType(), layer.digest().toString(), layer.blobSize()))
                        .toList()));
    }

    /** The parent's history lines, to which a step adds its own. */
    static List<ClassicImageConfig.History> history(JsonNode config) {
        List<ClassicImageConfig.History> history = new ArrayList<>();
        for (JsonNode h : config.path("history")) {
            history.add(new ClassicImageConfig.History(instant(h.path("created").asText("")), h.path("author").asText(""),
                    h.path("created_by").asText(""), h.path("comment").asText(""), h.path("empty_layer").asBoolean(false)));
        }
        return history;
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? Instant.EPOCH : OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** A base image's run configuration as a stage begins with it. */
    static StageConfig stageConfig(JsonNode c) {
        return StageConfig.fromBase(text(c, "User"), keys(c.path("ExposedPorts")), strings(c.path("Env")),
                strings(c.path("Cmd")), strings(c.path("Entrypoint")), health(c.path("Healthcheck")),
                keys(c.path("Volumes")), text(c, "WorkingDir"), strings(c.path("OnBuild")), labels(c.path("Labels")),
                text(c, "StopSignal"), strings(c.path("Shell")));
    }

    private static String text(JsonNode c, String field) {
        JsonNode value = c.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, Object> keys(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        object.fieldNames().forEachRemaining(name -> keys.put(name, Map.of()));
        return keys;
    }

    private static Map<String, String> labels(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static HealthConfig health(JsonNode h) {
        if (!h.isObject() || !h.path("Test").isArray()) {
            return null;
        }
        return new HealthConfig(strings(h.path("Test")), Duration.ofNanos(h.path("Interval").asLong(0)),
                Duration.ofNanos(h.path("Timeout").asLong(0)), Duration.ofNanos(h.path("StartPeriod").asLong(0)),
                h.path("Retries").asInt(0));
    }

    static JsonNode tree(byte[] config) {
        try {
            return OciJson.tree(config);
        } catch (IOException e) {
            throw new UncheckedIOException("an image config that is not JSON", e);
        }
    }

    /** A base image's pull, in the build's stream as dockerd shows it there. */
    private record PullProgress(BuildOutput out) implements ProgressSink {
        @Override
        public void message(String status, String id) {
            write("{\"status\":" + json(status) + (id == null ? "" : ",\"id\":" + json(id)) + "}");
        }

        @Override
        public void step(String id, String status) {
            write("{\"status\":" + json(status) + ",\"progressDetail\":{},\"id\":" + json(id) + "}");
        }

        @Override
        public void bytes(String id, String status, long current, long total) {
            write("{\"status\":" + json(status) + ",\"progressDetail\":{\"current\":" + current + ",\"total\":" + total
                    + "},\"id\":" + json(id) + "}");
        }

        @Override
        public void aux(Map<String, Object> aux) {
            // A pull's aux (a push's digest) means nothing in a build's stream.
        }

        private void write(String line) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        private static String json(String text) {
            String quoted = new String(BuildMessages.stream(text), StandardCharsets.UTF_8);
            // {"stream":"…"}\n → "…"
            return quoted.substring("{\"stream\":".length(), quoted.length() - 2);
        }
    }

    /** Waits here, off the event loop, for database work done on a borrowed Vert.x context. */
    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
