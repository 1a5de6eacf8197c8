package io.berth.container.clients;

import io.berth.container.ImageFacts;
import io.berth.kit.errors.InternalException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Resolves an image reference to {@link ImageFacts} through image-service. */
@ApplicationScoped
public class Images {
    private final ImageClient client;

    Images(@RestClient ImageClient client) {
        this.client = client;
    }

    public Uni<ImageFacts> resolve(TenantId tenant, String reference) {
        // Path segments of a reference (registry host, repository path) stay one path parameter.
        String encoded = URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
        return Remote.guard("image-service", client.inspect(tenant.value(), encoded)).map(Images::facts);
    }

    private static ImageFacts facts(ImageInspectView view) {
        if (view.repoDigests() == null || view.repoDigests().isEmpty()) {
            throw new InternalException("image " + view.id() + " has no manifest in Berth's registry");
        }
        String repoDigest = view.repoDigests().get(0);
        int at = repoDigest.indexOf('@');
        ImageInspectView.Config config = view.config() == null
                ? new ImageInspectView.Config(null, null, null, null, null, null, null)
                : view.config();
        // image-service wrote the digest: one that does not parse is a 500, its fault and not the client's.
        return new ImageFacts(view.id(), repoDigest.substring(0, at), Digest.parse(repoDigest.substring(at + 1)),
                config.env(), config.cmd(), config.entrypoint(), config.workingDir(), config.user(), config.labels(),
                config.stopSignal());
    }
}
