package io.berth.worker.layers;

import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.InternalException;
import io.berth.kit.errors.NotFoundException;
import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads manifests and blobs from image-service's internal registry read path over the tenant's local images
 * ({@code /internal/v2/}, docs/internal-api.md), verifying every digest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pull">OCI distribution, pull</a>
 */
@ApplicationScoped
public class RegistryClient {
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    /** image-service's read path over local images; its public {@code /v2/} is the registry, another namespace. */
    private static final String PREFIX = "/internal/v2/";
    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    RegistryClient(WorkerConfig config) {
        this.timeout = config.fetchTimeout();
        this.base = config.imageServiceUrl();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The manifest's bytes, verified against {@code digest}; 404 {@code No such image} when the registry lacks it. */
    byte[] manifest(TenantId tenant, String repository, Digest digest) {
        HttpResponse<byte[]> response = send(request(tenant, PREFIX + repository + "/manifests/" + digest)
                .header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            throw new NotFoundException("No such image: " + repository + "@" + digest);
        }
        checkOk(response.statusCode(), "manifest " + repository + "@" + digest);
        verify(digest, Digest.of(response.body()), "manifest");
        return response.body();
    }

    /** A small blob (an image config) in memory, verified. */
    byte[] blob(TenantId tenant, String repository, Digest digest) {
        HttpResponse<byte[]> response = send(request(tenant, blobPath(repository, digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            throw new NotFoundException("No such image: " + repository + " (blob " + digest + " is missing)");
        }
        checkOk(response.statusCode(), "blob " + digest);
        verify(digest, Digest.of(response.body()), "blob");
        return response.body();
    }

    /** Streams a blob into {@code target} while hashing it; the file is deleted again when the digest differs. */
    void blobToFile(TenantId tenant, String repository, Digest digest, Path target) {
        HttpResponse<InputStream> response = send(request(tenant, blobPath(repository, digest)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Digest.Hasher hasher = Digest.hasher();
        try (InputStream body = hasher.reading(response.body())) {
            if (response.statusCode() == 404) {
                throw new NotFoundException("No such image: " + repository + " (layer " + digest + " is missing)");
            }
            checkOk(response.statusCode(), "layer " + digest);
            try (OutputStream out = Files.newOutputStream(target)) {
                body.transferTo(out);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw new UnavailableException("cannot download layer " + digest + ": " + e.getMessage(), e);
        }
        Digest actual = hasher.digest();
        if (!actual.equals(digest)) {
            deleteQuietly(target);
            verify(digest, actual, "layer");
        }
    }

    private static String blobPath(String repository, Digest digest) {
        return PREFIX + repository + "/blobs/" + digest;
    }

    private HttpRequest.Builder request(TenantId tenant, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header(InternalHeaders.TENANT,
                tenant.value()).GET();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UnavailableException("image-service is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while fetching " + request.uri().getPath());
        }
    }

    private static void checkOk(int status, String what) {
        if (status != 200) {
            throw new UnavailableException("image-service answered " + status + " for " + what);
        }
    }

    private static void verify(Digest expected, Digest actual, String what) {
        if (!expected.equals(actual)) {
            throw new InternalException(what + " digest mismatch: expected " + expected + ", got " + actual);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // scratch space; swept on the next start
        }
    }
}
