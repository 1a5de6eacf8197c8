package io.berth.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** image-service's own settings, under {@code berth.image}. */
@ConfigMapping(prefix = "berth.image")
public interface ImageServiceConfig {
    /** Root of the blob store; blobs live in {@code <root>/blobs/sha256/<hex>}. */
    @WithDefault("/var/lib/berth/images")
    Path blobRoot();

    /** The image made locally when a new installation has none. */
    Seed seed();

    /** How the {@code busybox:latest} seed image is made. */
    interface Seed {
        /** Whether to make {@code busybox:latest} for tenant {@code default} when that tenant has no image. */
        @WithDefault("true")
        boolean enabled();

        /** The statically linked busybox binary (Debian's busybox-static) the seed image is made of. */
        @WithDefault("/bin/busybox")
        Path busybox();
    }
}
