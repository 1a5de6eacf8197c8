package io.berth.image.service;

import io.berth.events.image.ImageActions;
import io.berth.image.ImageReference;
import io.berth.image.blob.BlobStore;
import io.berth.image.config.ImageServiceConfig;
import io.berth.image.events.ImageEvents;
import io.berth.image.oci.OciImageConfig;
import io.berth.image.oci.OciJson;
import io.berth.image.pull.ProgressSink;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RegistryEndpoints;
import io.berth.image.pull.RegistrySession;
import io.berth.image.store.ImageEntity;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.TagEntity;
import io.berth.image.store.TagRepository;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code docker push} to any registry (moby distribution/push_v2.go): the local image a tag names goes to the registry
 * its repository names, each layer checked first ({@code HEAD}: {@code Layer already exists}) and otherwise uploaded in
 * one monolithic {@code POST}+{@code PUT} with {@code Pushing} progress, up to five at a time, then the config and the
 * manifest under the tag. To Berth's own registry no byte moves: {@link OwnRegistryPush} links the blobs. The stream
 * ends with {@code <tag>: digest: <digest> size: <size>} and the {@code aux} line, and a {@code push} event is written.
 * Without a tag, every tag of the repository is pushed.
 */
@ApplicationScoped
public class ImagePush {
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final long PROGRESS_NANOS = 100_000_000L;
    private static final int MAX_CONCURRENT_UPLOADS = 5;

    private final TagRepository tags;
    private final RegistryEndpoints endpoints;
    private final BlobStore blobs;
    private final ImageEvents events;
    private final OutboxRelay relay;
    private final ImageServiceConfig config;
    private final OwnRegistryPush ownRegistry;

    ImagePush(TagRepository tags, RegistryEndpoints endpoints, BlobStore blobs, ImageEvents events, OutboxRelay relay,
            ImageServiceConfig config, OwnRegistryPush ownRegistry) {
        this.tags = tags;
        this.endpoints = endpoints;
        this.blobs = blobs;
        this.events = events;
        this.relay = relay;
        this.config = config;
        this.ownRegistry = ownRegistry;
    }

    /**
     * One tag to push: its reference, image and layers (bottom first), and for each layer digest the other repositories
     * of the same registry the tenant has it tagged from, which a registry can mount it from instead of an upload.
     */
    public record Item(ImageReference reference, ImageEntity image, List<ImageLayerEntity> layers,
            Map<String, List<String>> mountSources) {
    }

    /** What {@code name} (a repository) and {@code tag} (empty: all its tags) push; dockerd's 404 when nothing. */
    public Uni<List<Item>> plan(TenantId tenant, String name, String tag) {
        ImageReference repository = ImageReference.parse(name);
        if (repository.tag() != null || repository.digest() != null) {
            tag = repository.tag() != null ? repository.tag() : tag;
        }
        ImageReference base = new ImageReference(repository.domain(), repository.path(), null, null);
        String only = tag == null || tag.isEmpty() ? null : tag;
        String missing = "An image does not exist locally with the tag: " + base.familiarName();
        return Panache.withSession(() -> tags.inRepository(tenant, base.familiarName()).flatMap(found -> {
            List<TagEntity> chosen = found.stream().filter(row -> only == null || row.tag.equals(only)).toList();
            if (chosen.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException(missing));
            }
            Uni<List<Item>> chain = Uni.createFrom().item(new ArrayList<>());
            for (TagEntity row : chosen) {
                chain = chain.flatMap(items -> ImageEntity.<ImageEntity>find("tenant = ?1 and id = ?2", tenant.value(), row.imageId)
                        .firstResult().flatMap(image -> ImageLayerEntity.<ImageLayerEntity>list(
                                "tenant = ?1 and imageId = ?2 order by position", tenant.value(), row.imageId).map(layers -> {
                                    items.add(new Item(new ImageReference(base.domain(), base.path(), row.tag, null), image, layers,
                                            Map.of()));
                                    return items;
                                })));
            }
            return chain.flatMap(items -> mountSources(tenant, base, items));
        }));
    }

    /**
     * Where a registry could mount each layer from, as dockerd's v2 metadata tells it: the repositories on the target's
     * registry, other than the target, that the tenant has an image with that layer tagged in (where it was pulled
     * from or pushed to).
     */
    private static Uni<List<Item>> mountSources(TenantId tenant, ImageReference target, List<Item> items) {
        String[] digests = items.stream().flatMap(item -> item.layers().stream()).map(layer -> layer.digest).distinct()
                .toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT DISTINCT l.digest, t.repository FROM image_layer l
                JOIN tag t ON t.tenant = l.tenant AND t.image_id = l.image_id
                WHERE l.tenant = :tenant AND l.digest = ANY(CAST(:digests AS varchar[]))""", Object[].class)
                .setParameter("tenant", tenant.value()).setParameter("digests", digests).getResultList())
                .map(rows -> {
                    Map<String, List<String>> sources = new HashMap<>();
                    for (Object[] row : rows) {
                        ImageReference source = ImageReference.parse((String) row[1]);
                        if (source.domain().equals(target.domain()) && !source.path().equals(target.path())) {
                            sources.computeIfAbsent((String) row[0], digest -> new ArrayList<>()).add(source.path());
                        }
                    }
                    return items.stream().map(item -> new Item(item.reference(), item.image(), item.layers(), sources)).toList();
                });
    }

    /** Pushes every item, reporting as dockerd does; the {@code push} events once all are there. */
    public Uni<Void> run(TenantId tenant, List<Item> items, RegistryCredentials credentials, ProgressSink progress) {
        ImageReference first = items.getFirst().reference();
        progress.message("The push refers to repository [" + first.name() + "]", null);
        if (endpoints.isOwn(first.domain())) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Item item : items) {
                chain = chain.flatMap(ignored -> ownRegistry.push(tenant, item, progress)).invoke(() -> pushed(item, progress));
            }
            return chain.flatMap(ignored -> announce(tenant, items));
        }
        Context context = Vertx.currentContext();
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().item(() -> {
            RegistrySession session = new RegistrySession(endpoints.of(first.domain(), true), first.path(), "pull,push",
                    credentials, config.registries().timeout());
            session.open();
            for (Item item : items) {
                push(session, item, progress);
            }
            return items;
        }).runSubscriptionOn(THREADS).emitOn(onContext).flatMap(pushed -> announce(tenant, pushed));
    }

    /** The {@code push} events, one per tag. */
    private Uni<Void> announce(TenantId tenant, List<Item> pushed) {
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Item item : pushed) {
                Map<String, String> labels = labels(item.image());
                chain = chain.flatMap(ignored -> events.publish(tenant, ImageActions.PUSH, item.reference().familiarString(),
                        item.reference().familiarName(), labels));
            }
            return chain;
        }).invoke(relay::wakeUp);
    }

    private void push(RegistrySession session, Item item, ProgressSink progress) {
        List<ImageLayerEntity> topFirst = item.layers().reversed();
        for (ImageLayerEntity layer : topFirst) {
            progress.step(shortId(layer), "Preparing");
        }
        // Up to five layers at a time, as dockerd's max-concurrent-uploads.
        Semaphore slots = new Semaphore(MAX_CONCURRENT_UPLOADS);
        List<Callable<Void>> layers = topFirst.stream().<Callable<Void>>map(layer -> () -> {
            slots.acquire();
            try {
                pushLayer(session, layer, item.mountSources().getOrDefault(layer.digest, List.of()), progress);
                return null;
            } finally {
                slots.release();
            }
        }).toList();
        try {
            for (Future<Void> done : THREADS.invokeAll(layers)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("the push was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new InternalException(e.getCause().getMessage());
        }
        Digest config = Digest.parse(item.image().id);
        if (!exists(session, config)) {
            upload(session, config, null, null, progress);
        }
        byte[] manifest = item.image().manifest;
        try (RegistrySession.Answer answer = session.send("PUT", "manifests/" + item.reference().tagOrLatest(),
                Map.of("Content-Type", item.image().mediaType), HttpRequest.BodyPublishers.ofByteArray(manifest))) {
            if (answer.status() / 100 != 2) {
                throw RegistrySession.failure(answer, "manifest " + item.image().manifestDigest);
            }
        }
        pushed(item, progress);
    }

    private void pushLayer(RegistrySession session, ImageLayerEntity layer, List<String> mountSources, ProgressSink progress) {
        String id = shortId(layer);
        Digest digest = Digest.parse(layer.digest);
        if (exists(session, digest)) {
            progress.step(id, "Layer already exists");
            return;
        }
        String location = null;
        if (!mountSources.isEmpty()) {
            // The distribution spec's cross-repository mount: 201 when mounted, else 202 with an upload session to use.
            String from = mountSources.getFirst();
            try (RegistrySession.Answer mount = session.send("POST", "blobs/uploads/?mount=" + digest + "&from=" + from,
                    Map.of(), HttpRequest.BodyPublishers.noBody())) {
                if (mount.status() == 201) {
                    progress.step(id, "Mounted from " + from);
                    return;
                }
                location = mount.status() == 202 ? mount.header("Location").orElse(null) : null;
            }
        }
        upload(session, digest, location, id, progress);
        progress.step(id, "Pushed");
    }

    /** The lines that end one tag's push: its digest and size, and the {@code aux} message. */
    private static void pushed(Item item, ProgressSink progress) {
        byte[] manifest = item.image().manifest;
        progress.message(item.reference().tagOrLatest() + ": digest: " + item.image().manifestDigest + " size: " + manifest.length, null);
        Map<String, Object> aux = new LinkedHashMap<>();
        aux.put("Tag", item.reference().tagOrLatest());
        aux.put("Digest", item.image().manifestDigest);
        aux.put("Size", manifest.length);
        progress.aux(aux);
    }

    /** What a layer is called in the stream: the diff id's first 12 hex digits, as dockerd's. */
    static String shortId(ImageLayerEntity layer) {
        return Digest.parse(layer.diffId).hex().substring(0, 12);
    }

    private static boolean exists(RegistrySession session, Digest digest) {
        try (RegistrySession.Answer answer = session.send("HEAD", "blobs/" + digest, Map.of(), HttpRequest.BodyPublishers.noBody())) {
            return answer.status() == 200;
        }
    }

    /** The distribution spec's monolithic upload: POST for a session, then PUT of the whole blob with its digest. */
    private void upload(RegistrySession session, Digest digest, String started, String id, ProgressSink progress) {
        String location = started != null ? started : start(session, digest);
        Path file = blobs.path(digest);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InternalException("blob " + digest + " of the image is missing from Berth's store");
        }
        String target = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream in = Files.newInputStream(file);
                return id == null ? in : reporting(in, id, size, progress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), size);
        try (RegistrySession.Answer done = session.send("PUT", target, Map.of("Content-Type", "application/octet-stream"), body)) {
            if (done.status() != 201) {
                throw RegistrySession.failure(done, "upload of " + digest);
            }
        }
    }

    /** A new upload session's location. */
    private static String start(RegistrySession session, Digest digest) {
        try (RegistrySession.Answer started = session.send("POST", "blobs/uploads/", Map.of(), HttpRequest.BodyPublishers.noBody())) {
            if (started.status() != 202 || started.header("Location").isEmpty()) {
                throw RegistrySession.failure(started, "upload of " + digest);
            }
            return started.header("Location").get();
        }
    }

    private static InputStream reporting(InputStream in, String id, long total, ProgressSink progress) {
        return new FilterInputStream(in) {
            private long sent;
            private long reported;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    sent += n;
                    long now = System.nanoTime();
                    if (now - reported > PROGRESS_NANOS) {
                        progress.bytes(id, "Pushing", sent, total);
                        reported = now;
                    }
                }
                return n;
            }
        };
    }

    private static Map<String, String> labels(ImageEntity image) {
        OciImageConfig parsed = OciJson.read(image.configJson.getBytes(StandardCharsets.UTF_8), OciImageConfig.class);
        return parsed.config() == null || parsed.config().labels() == null ? Map.of() : parsed.config().labels();
    }
}
