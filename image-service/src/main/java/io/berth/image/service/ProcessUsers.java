package io.berth.image.service;

import io.berth.image.Image;
import io.berth.image.blob.BlobStore;
import io.berth.image.build.ImageFiles;
import io.berth.image.build.steps.CopyLayer;
import io.berth.image.build.steps.ProcessUser;
import io.berth.image.store.ImageLayerEntity;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * The uid and gid a container of an image runs as, from its {@code User} (the container's, else the image's) and the
 * image's {@code /etc/passwd} and {@code /etc/group}: the same {@link ProcessUser} a RUN step's user goes through, so
 * {@code docker run} and {@code docker build} resolve names alike. Only a numeric {@code uid:gid} needs no file.
 */
@ApplicationScoped
public class ProcessUsers {
    private static final Pattern NUMERIC_PAIR = Pattern.compile("\\d+:\\d+");
    private final BlobStore blobs;
    private final Vertx vertx;

    ProcessUsers(BlobStore blobs, Vertx vertx) {
        this.blobs = blobs;
        this.vertx = vertx;
    }

    /** {@code requested} when it is not empty, else the image's {@code User}; 400 in runc's words for a name it lacks. */
    public Uni<ProcessUser> of(TenantId tenant, Image image, String requested) {
        String imageUser = image.config().config() == null ? null : image.config().config().user();
        String user = requested != null && !requested.isEmpty() ? requested : imageUser;
        if (user == null || user.isEmpty()) {
            return Uni.createFrom().item(ProcessUser.ROOT);
        }
        if (NUMERIC_PAIR.matcher(user).matches()) {
            return Uni.createFrom().item(() -> ProcessUser.resolve(user, CopyLayer.EMPTY_IMAGE));
        }
        return Panache.withSession(() -> ImageLayerEntity.<ImageLayerEntity>list(
                "tenant = ?1 and imageId = ?2 order by position", tenant.value(), image.id().toString()))
                .flatMap(layers -> vertx.executeBlocking(Uni.createFrom().item(() -> ProcessUser.resolve(user,
                        ImageFiles.of(layers.stream().map(layer -> blobs.path(Digest.parse(layer.digest))).toList())))));
    }
}
