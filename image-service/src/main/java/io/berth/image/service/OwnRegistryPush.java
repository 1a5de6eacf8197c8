package io.berth.image.service;

import io.berth.image.RepositoryName;
import io.berth.image.oci.ManifestDocument;
import io.berth.image.pull.ProgressSink;
import io.berth.image.store.ImageLayerEntity;
import io.berth.image.store.RegistryStore;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code docker push} to Berth's own registry: the image's blobs are in the store already, so they are linked into the
 * pushing tenant's repository and the manifest is stored under the tag, and no byte is sent. The repository is the
 * pushing tenant's (the registry port would take an anonymous push as tenant {@code default}'s).
 */
@ApplicationScoped
public class OwnRegistryPush {
    private final RegistryContent content;
    private final RegistryStore store;

    OwnRegistryPush(RegistryContent content, RegistryStore store) {
        this.content = content;
        this.store = store;
    }

    /**
     * Links the item's config and layers into its repository, reporting each layer as a push does ({@code Layer
     * already exists} when it was linked there, else {@code Pushed}), then stores the manifest under the tag.
     */
    public Uni<Void> push(TenantId tenant, ImagePush.Item item, ProgressSink progress) {
        RepositoryName name = RepositoryName.of(item.reference().path());
        ManifestDocument manifest = manifest(item);
        List<ImageLayerEntity> topFirst = item.layers().reversed();
        topFirst.forEach(layer -> progress.step(ImagePush.shortId(layer), "Preparing"));
        List<String> digests = manifest.blobs().stream().map(blob -> blob.digest().toString()).toList();
        return Panache.withTransaction(() -> store.linkedOf(tenant, name.value(), digests).flatMap(linked -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ManifestDocument.Reference blob : manifest.blobs()) {
                chain = chain.flatMap(ignored -> store.link(tenant, name.value(), blob.digest().toString(), blob.size()));
            }
            return chain.replaceWith(linked);
        })).invoke(linked -> topFirst.forEach(layer -> progress.step(ImagePush.shortId(layer),
                linked.contains(layer.digest) ? "Layer already exists" : "Pushed")))
                .flatMap(ignored -> content.putManifest(tenant, name, item.reference().tagOrLatest(), item.image().mediaType,
                        item.image().manifest))
                .replaceWithVoid();
    }

    private static ManifestDocument manifest(ImagePush.Item item) {
        try {
            return ManifestDocument.parse(item.image().manifest, item.image().mediaType);
        } catch (ManifestDocument.Invalid e) {
            throw new InternalException("the stored manifest of " + item.image().id + " does not parse: " + e.getMessage());
        }
    }
}
