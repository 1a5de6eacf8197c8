package io.berth.container.clients;

import io.berth.container.ImageFacts;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Resolves an image reference to {@link ImageFacts} through image-service. */
@ApplicationScoped
public class Images {
    private final ImageClient client;

    Images(@RestClient ImageClient client) {
        this.client = client;
    }

    /**
     * The image, and the uid and gid its container runs as: {@code user} (the container's {@code User}, empty for
     * none) or else the image's, resolved by image-service against the image's files.
     */
    public Uni<ImageFacts> resolve(TenantId tenant, String reference, String user) {
        return Remote.guard("image-service", client.resolve(tenant.value(), reference, user == null ? "" : user))
                .map(Images::facts);
    }

    private static ImageFacts facts(ImageResolution image) {
        ImageResolution.RunDefaults config = image.config();
        return new ImageFacts(image.id(), image.repository(),
                // image-service wrote the digest: one that does not parse is a 500, its fault and not the client's.
                Digest.parse(image.manifestDigest()), config.env(), config.cmd(),
                config.entrypoint(), config.workingDir(), config.user(), config.labels(), config.stopSignal(),
                config.volumes(), config.exposedPorts(),
                image.processUser() == null ? io.berth.container.ProcessUser.ROOT : image.processUser());
    }
}
