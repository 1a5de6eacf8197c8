package io.berth.image.service;

import io.berth.image.build.BuiltImage;
import io.berth.image.build.BusyboxImage;
import io.berth.kit.tenant.TenantId;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Makes small real images inside a running test application, each different (its "binary" is the text given), with
 * its blobs in the store and a tag: what an IT needs to remove, tag or count images without touching the seed.
 */
public final class TestImages {
    private TestImages() {
    }

    /** Adds an image made of {@code content} to the tenant as {@code repository:tag}; answers it. */
    public static BuiltImage add(TenantId tenant, String content, String repository, String tag) {
        BuiltImage image = BusyboxImage.build(content.getBytes(StandardCharsets.UTF_8), List.of("sh"),
                Instant.parse("2024-05-06T07:08:09Z"));
        Arc.container().instance(BusyboxSeed.class).get().store(image);
        ImageService images = Arc.container().instance(ImageService.class).get();
        try {
            VertxContextSupport.subscribeAndAwait(() -> images.add(tenant, image.stored(), repository, tag));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return image;
    }
}
