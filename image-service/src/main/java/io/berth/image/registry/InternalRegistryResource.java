package io.berth.image.registry;

import io.berth.image.service.RegistryException;
import io.berth.image.service.LocalImageReads;
import io.berth.kit.api.InternalHeaders;
import io.berth.kit.errors.BerthException;
import io.berth.kit.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The OCI distribution read path over a tenant's <em>local</em> images, for Berth's own parts (a node fetching the
 * layers of a container's image): {@code /internal/v2/}, manifests and blobs, for the tenant of {@code X-Berth-Tenant}.
 * The gateway routes nothing to {@code /internal}; Berth's public registry ({@link RegistryRoutes}, {@code /v2/}) holds
 * what was pushed to it, apart from the local images. Repository names hold slashes, hence the regex segments. Errors
 * here are the registry's own shape, not Docker's.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pull">distribution-spec pull</a>
 */
@Path("/internal/v2")
public class InternalRegistryResource {
    private static final String CONTENT_DIGEST = RegistryReplies.CONTENT_DIGEST;
    private static final String API_VERSION = RegistryReplies.API_VERSION;
    private static final String API_VERSION_VALUE = RegistryReplies.API_VERSION_VALUE;

    private final LocalImageReads registry;

    InternalRegistryResource(LocalImageReads registry) {
        this.registry = registry;
    }

    @GET
    @Path("/")
    public Response base() {
        return Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).header(API_VERSION, API_VERSION_VALUE).build();
    }

    @GET
    @Path("/{name: .+}/manifests/{reference}")
    public Uni<Response> manifest(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @PathParam("reference") String reference) {
        return registry.manifest(tenant, name, reference).map(manifest -> Response.ok(manifest.content(), manifest.mediaType())
                .header(CONTENT_DIGEST, manifest.digest().toString())
                .header(API_VERSION, API_VERSION_VALUE)
                .build());
    }

    @HEAD
    @Path("/{name: .+}/manifests/{reference}")
    public Uni<Response> manifestHead(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @PathParam("reference") String reference) {
        return registry.manifest(tenant, name, reference).map(manifest -> Response.ok()
                .type(manifest.mediaType())
                .header(CONTENT_DIGEST, manifest.digest().toString())
                .header(API_VERSION, API_VERSION_VALUE)
                .header("Content-Length", manifest.content().length)
                .build());
    }

    /** Streams the blob from its file; large layers never pass through memory. */
    @GET
    @Path("/{name: .+}/blobs/{digest}")
    public Uni<Response> blob(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @PathParam("digest") String digest) {
        return registry.blob(tenant, name, digest).map(blob -> Response.ok(blob.path(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(CONTENT_DIGEST, blob.digest().toString())
                .header(API_VERSION, API_VERSION_VALUE)
                .build());
    }

    @HEAD
    @Path("/{name: .+}/blobs/{digest}")
    public Uni<Response> blobHead(@HeaderParam(InternalHeaders.TENANT) TenantId tenant, @PathParam("name") String name,
            @PathParam("digest") String digest) {
        return registry.blob(tenant, name, digest).map(blob -> Response.ok()
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(CONTENT_DIGEST, blob.digest().toString())
                .header(API_VERSION, API_VERSION_VALUE)
                .header("Content-Length", blob.size())
                .build());
    }

    /** Scoped to this resource: registry clients read {@code errors[].code}, not Docker's {@code message}. */
    @ServerExceptionMapper
    public Response registryError(RegistryException e) {
        return error(e);
    }

    @ServerExceptionMapper
    public Response otherError(BerthException e) {
        return error(e);
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        return error(e);
    }

    private static Response error(Throwable failure) {
        RegistryReplies.Failure answer = RegistryReplies.of(failure);
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header(API_VERSION, API_VERSION_VALUE)
                .entity(answer.body()).build();
    }
}
