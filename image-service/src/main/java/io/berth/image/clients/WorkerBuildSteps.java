package io.berth.image.clients;

import io.berth.image.config.ImageServiceConfig;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.ErrorAnswers;
import io.berth.kit.errors.UnavailableException;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.berth.oci.spec.Spec;
import io.berth.oci.spec.SpecJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The runtime worker's build-step calls (docs/internal-api.md, "runtime-worker", build steps): run a RUN step in a
 * container of an image and receive its output as it comes, fetch its change as a layer tar, remove it; and a
 * container's change for {@code docker commit}, which the node writes the same way. Blocking; the caller's own
 * thread calls it.
 */
@ApplicationScoped
public class WorkerBuildSteps {
    private static final String PART = "runtime-worker";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    WorkerBuildSteps(ImageServiceConfig config) {
        this.base = config.build().workerUrl();
    }

    /** Where a step's output goes as it comes: 1 for standard output, 2 for standard error. */
    @FunctionalInterface
    public interface Output {
        void write(int stream, byte[] bytes);
    }

    /**
     * Runs {@code spec} in a container of the image ({@code repository@manifestDigest}, read by the node through
     * image-service's internal registry path); answers the exit code.
     */
    public int run(TenantId tenant, String id, String repository, String manifestDigest, Spec spec, Output out) {
        String body = "{\"image\":{\"repository\":" + quote(repository) + ",\"digest\":" + quote(manifestDigest)
                + "},\"spec\":" + new String(SpecJson.write(spec), StandardCharsets.UTF_8) + "}";
        HttpRequest request = request(tenant, "/build-steps/" + id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (DataInputStream in = new DataInputStream(response.body())) {
            if (response.statusCode() != 200) {
                throw ErrorAnswers.fromPeer(PART, response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            while (true) {
                int stream = in.readUnsignedByte();
                in.skipNBytes(3);
                int length = in.readInt();
                byte[] bytes = in.readNBytes(length);
                if (stream == 3) {
                    return Integer.parseInt(new String(bytes, StandardCharsets.US_ASCII).trim());
                }
                out.write(stream, bytes);
            }
        } catch (EOFException e) {
            throw new UnavailableException("the node ended build step " + id + " without its exit code");
        } catch (IOException e) {
            throw new UnavailableException("the node's answer for build step " + id + " broke off: " + e.getMessage(), e);
        }
    }

    /** The step's change as a layer tar, into {@code target}; answers its digest, taken on the way. */
    public Digest diff(TenantId tenant, String id, Path target) {
        return download(tenant, "/build-steps/" + id + "/diff", target, "build step " + id);
    }

    /**
     * A container's change as a layer tar ({@code docker commit}), into {@code target}, the container frozen while its
     * files are read when {@code pause}; answers its digest. The node's words when it has no such container.
     */
    public Digest containerDiff(TenantId tenant, String id, boolean pause, Path target) {
        return download(tenant, "/containers/" + id + "/diff" + (pause ? "?pause=1" : ""), target, "container " + id);
    }

    private Digest download(TenantId tenant, String path, Path target, String what) {
        HttpResponse<InputStream> response = send(request(tenant, path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw ErrorAnswers.fromPeer(PART, response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Digest.Hasher hasher = Digest.hasher();
            Files.copy(hasher.reading(in), target, StandardCopyOption.REPLACE_EXISTING);
            return hasher.digest();
        } catch (IOException e) {
            throw new UnavailableException("cannot fetch the change of " + what + ": " + e.getMessage(), e);
        }
    }

    /** Removes the step from the node; idempotent. */
    public void delete(TenantId tenant, String id) {
        HttpResponse<String> response = send(request(tenant, "/build-steps/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw ErrorAnswers.fromPeer(PART, response.statusCode(), response.body());
        }
    }

    private HttpRequest.Builder request(TenantId tenant, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header(InternalHeaders.TENANT, tenant.value());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UnavailableException("the node is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while calling the node");
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
