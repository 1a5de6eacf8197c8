package io.berth.image.service;

import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.NewImage;
import io.berth.image.build.StoredLayer;
import io.berth.image.config.ImageServiceConfig;
import io.berth.image.events.ImageEvents;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.pull.LayerDownloads;
import io.berth.image.pull.Platform;
import io.berth.image.pull.ProgressSink;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RegistryEndpoints;
import io.berth.image.pull.RegistrySession;
import io.berth.image.pull.RemoteImage;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * {@code docker pull} from another registry (moby distribution/pull_v2.go), in two steps so that what fails early is
 * answered with Docker's status and what fails later in the stream: {@link #resolve} reads the manifest and config
 * (and picks the platform's manifest from an index); {@link #run} fetches the layers the tenant does not have yet
 * ({@code Already exists} for those it has; three at a time, as dockerd's {@code max-concurrent-downloads}), checks
 * that they unpack to the config's diff ids, and records the image, its tag and the {@code pull} event together.
 * Blocking registry work runs on virtual threads; what it left in the store is collected if the pull fails.
 */
@ApplicationScoped
public class ImagePull {
    private static final int CONCURRENT_DOWNLOADS = 3;
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private final RegistryEndpoints endpoints;
    private final LayerDownloads downloads;
    private final BlobStore blobs;
    private final ImageService images;
    private final TagRepository tags;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final BlobCollector collector;
    private final ImageServiceConfig config;

    ImagePull(RegistryEndpoints endpoints, LayerDownloads downloads, BlobStore blobs, ImageService images, TagRepository tags,
            ImageEvents events, OutboxRelay relay, BlobCollector collector, ImageServiceConfig config) {
        this.endpoints = endpoints;
        this.downloads = downloads;
        this.blobs = blobs;
        this.images = images;
        this.tags = tags;
        this.events = events;
        this.relay = relay;
        this.collector = collector;
        this.config = config;
    }

    /**
     * What to pull: a reference (a tag or a digest; neither means every tag, {@code docker pull --all-tags}), for a
     * platform, with credentials.
     */
    public record Request(ImageReference reference, Platform platform, RegistryCredentials credentials) {
        /** Whether every tag of the repository is asked for. */
        public boolean allTags() {
            return reference.tag() == null && reference.digest() == null;
        }

        Request withTag(String tag) {
            return new Request(new ImageReference(reference.domain(), reference.path(), tag, null), platform, credentials);
        }
    }

    /** A pull whose manifest and config are read: what it will fetch and what the tenant has already. */
    public record Plan(Request request, RegistrySession session, RemoteImage remote, Map<Digest, ImageLayerEntity> known,
            boolean imageExists) {
    }

    /** Reads the manifest and config; a missing image, bad credentials or an unreachable registry fail here. */
    public Uni<Plan> resolve(TenantId tenant, Request request) {
        ImageReference reference = request.reference();
        Executor context = onContext();
        return Uni.createFrom().item(() -> {
            RegistrySession session = session(tenant, request);
            return new Object[] {session, RemoteImage.fetch(session, reference, request.platform())};
        }).runSubscriptionOn(THREADS).emitOn(context).flatMap(found -> {
            RemoteImage remote = (RemoteImage) found[1];
            List<String> digests = remote.layers().stream().map(layer -> layer.digest().toString()).toList();
            return Panache.withSession(() -> ImageLayerEntity.<ImageLayerEntity>list("tenant = ?1 and digest in ?2",
                    tenant.value(), digests).flatMap(rows -> ImageEntity.count("tenant = ?1 and id = ?2", tenant.value(),
                            remote.configDigest().toString()).map(count -> {
                                Map<Digest, ImageLayerEntity> known = new HashMap<>();
                                rows.forEach(row -> known.put(Digest.parse(row.digest), row));
                                return new Plan(request, (RegistrySession) found[0], remote, known, count > 0);
                            })));
        });
    }

    /** The tags {@code docker pull --all-tags} pulls, in the registry's order; what fails here fails as resolve does. */
    public Uni<List<String>> tags(TenantId tenant, Request request) {
        Executor context = onContext();
        return Uni.createFrom().item(() -> session(tenant, request).tags()).runSubscriptionOn(THREADS).emitOn(context);
    }

    /** {@code GET /distribution/{name}/json}: what the registry has under the reference, read as a pull reads it. */
    public Uni<RemoteImage.Distribution> distribution(TenantId tenant, Request request) {
        Executor context = onContext();
        return Uni.createFrom().item(() -> RemoteImage.distribution(session(tenant, request), request.reference()))
                .runSubscriptionOn(THREADS).emitOn(context);
    }

    /** An open session with the registry the request names. Blocking. */
    private RegistrySession session(TenantId tenant, Request request) {
        String domain = request.reference().domain();
        // Berth's own registry is read as the pulling tenant: its repositories, where its pushes went.
        List<RegistryEndpoints.Endpoint> to = endpoints.isOwn(domain) ? List.of(endpoints.own(tenant)) : endpoints.of(domain, false);
        RegistrySession session = new RegistrySession(to, request.reference().path(), "pull", request.credentials(),
                config.registries().timeout());
        session.open();
        return session;
    }

    /** Fetches, checks and records; reports as dockerd does, ending with the {@code Digest:} and {@code Status:} lines. */
    public Uni<Void> run(TenantId tenant, Plan plan, ProgressSink progress) {
        return pulled(tenant, plan, progress).invoke(moved -> status(progress, moved,
                plan.request().reference().withDefaultTag().familiarString())).replaceWithVoid();
    }

    /**
     * {@code docker pull --all-tags}: each tag in turn as {@link #run} pulls one, on one stream, and one {@code Status:}
     * line for the repository at the end (moby's pullRepository).
     */
    public Uni<Void> runAll(TenantId tenant, Request request, List<String> tagNames, ProgressSink progress) {
        Uni<Boolean> chain = Uni.createFrom().item(false);
        for (String tag : tagNames) {
            chain = chain.flatMap(movedBefore -> resolve(tenant, request.withTag(tag))
                    .flatMap(plan -> pulled(tenant, plan, progress)).map(moved -> movedBefore || moved));
        }
        return chain.invoke(moved -> status(progress, moved, request.reference().familiarName())).replaceWithVoid();
    }

    private static void status(ProgressSink progress, boolean moved, String shown) {
        progress.message("Status: " + (moved ? "Downloaded newer image for " : "Image is up to date for ") + shown, null);
    }

    /** One image pulled, up to its {@code Digest:} line; true when its tag moved. */
    private Uni<Boolean> pulled(TenantId tenant, Plan plan, ProgressSink progress) {
        ImageReference reference = plan.request().reference();
        RemoteImage remote = plan.remote();
        Executor context = onContext();
        progress.message("Pulling from " + reference.path(),
                reference.digest() != null ? reference.digest().toString() : reference.tagOrLatest());
        Uni<List<StoredLayer>> layers;
        if (plan.imageExists()) {
            layers = Uni.createFrom().item(List.of());
        } else {
            for (RemoteImage.Layer layer : remote.layers()) {
                progress.step(layer.shortId(), known(plan, layer) != null ? "Already exists" : "Pulling fs layer");
            }
            layers = Uni.createFrom().item(() -> fetch(plan, progress)).runSubscriptionOn(THREADS).emitOn(context);
        }
        return layers.flatMap(stored -> record(tenant, plan, stored))
                .invoke(() -> progress.message("Digest: " + remote.shownDigest(), null))
                .onFailure().call(failure -> collector.collect(digests(remote)));
    }

    private static ImageLayerEntity known(Plan plan, RemoteImage.Layer layer) {
        return plan.known().get(layer.digest());
    }

    /** The layers bottom first, fetched in parallel; checked against the config's diff ids. Blocking. */
    private List<StoredLayer> fetch(Plan plan, ProgressSink progress) {
        Semaphore slots = new Semaphore(CONCURRENT_DOWNLOADS);
        List<CompletableFuture<StoredLayer>> pending = new ArrayList<>();
        for (RemoteImage.Layer layer : plan.remote().layers()) {
            ImageLayerEntity row = known(plan, layer);
            if (row != null && blobs.contains(layer.digest())) {
                pending.add(CompletableFuture.completedFuture(new StoredLayer(layer.digest(), layer.size(), layer.mediaType(),
                        Digest.parse(row.diffId), row.size)));
                continue;
            }
            pending.add(CompletableFuture.supplyAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    return downloads.fetch(plan.session(), layer, progress);
                } finally {
                    slots.release();
                }
            }, THREADS));
        }
        // Every download ends (in the store, or failed and cleaned up) before the pull does, so a failed pull's
        // collection sees all it left.
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        List<StoredLayer> stored = new ArrayList<>();
        for (CompletableFuture<StoredLayer> each : pending) {
            try {
                stored.add(each.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        OciImageConfig parsed = OciJson.read(plan.remote().config(), OciImageConfig.class);
        List<String> diffIds = parsed.rootfs() == null || parsed.rootfs().diffIds() == null ? List.of() : parsed.rootfs().diffIds();
        List<String> actual = stored.stream().map(layer -> layer.diffId().toString()).toList();
        if (!actual.equals(diffIds)) {
            throw new InternalException("the image's layers unpack to " + actual + ", but its config says " + diffIds
                    + "; the registry holds a broken image");
        }
        blobs.put(plan.remote().config());
        blobs.put(plan.remote().manifest());
        return stored;
    }

    /** Records the image (unless the tenant has it), tags it, and announces {@code pull}; true when the tag moved. */
    private Uni<Boolean> record(TenantId tenant, Plan plan, List<StoredLayer> layers) {
        ImageReference reference = plan.request().reference();
        RemoteImage remote = plan.remote();
        String id = remote.configDigest().toString();
        OciImageConfig parsed = OciJson.read(remote.config(), OciImageConfig.class);
        Map<String, String> labels = parsed.config() == null || parsed.config().labels() == null ? Map.of() : parsed.config().labels();
        NewImage image = new NewImage(remote.config(), remote.configDigest(), remote.manifest(), remote.manifestDigest(),
                remote.mediaType(), layers, NewImage.created(parsed.created()));
        return Panache.withTransaction(() -> (plan.imageExists() ? Uni.createFrom().item(false) : images.addRows(tenant, image))
                .flatMap(isNew -> {
            if (reference.digest() != null) {
                return Uni.createFrom().item(isNew);
            }
            return tags.byName(tenant, reference.familiarName(), reference.tagOrLatest()).flatMap(old -> {
                if (old != null && old.imageId.equals(id)) {
                    return Uni.createFrom().item(isNew);
                }
                TagEntity tag = new TagEntity();
                tag.tenant = tenant.value();
                tag.repository = reference.familiarName();
                tag.tag = reference.tagOrLatest();
                tag.imageId = id;
                tag.taggedAt = Instant.now();
                return tags.put(tag).replaceWith(true);
            });
        }).call(ignored -> events.publish(tenant, ImageActions.PULL, reference.withDefaultTag().familiarString(),
                reference.familiarName(), labels))).invoke(relay::wakeUp);
    }

    private static List<Digest> digests(RemoteImage remote) {
        List<Digest> all = new ArrayList<>(List.of(remote.configDigest(), remote.manifestDigest()));
        remote.layers().forEach(layer -> all.add(layer.digest()));
        return all;
    }

    /** Runs continuations back on the caller's Vert.x context, where the reactive session lives. */
    private static Executor onContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("a pull must start on a Vert.x context");
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
