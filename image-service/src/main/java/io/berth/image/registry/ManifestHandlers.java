package io.berth.image.registry;

import io.berth.image.RepositoryName;
import io.berth.image.oci.MediaTypes;
import io.berth.image.oci.OciJson;
import io.berth.image.service.RegistryContent;
import io.berth.image.service.RegistryErrorCode;
import io.berth.image.service.RegistryException;
import io.berth.kit.api.QueryInts;
import io.berth.kit.tenant.TenantId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry's manifest endpoints: pull (GET, HEAD), push (PUT), delete, tag listing and referrers. */
@ApplicationScoped
class ManifestHandlers {
    /** The spec: a registry SHOULD accept manifests of at least 4 MiB; Berth takes exactly that much and no more. */
    static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private final RegistryContent content;

    ManifestHandlers(RegistryContent content) {
        this.content = content;
    }

    void serve(RoutingContext context, TenantId tenant, RepositoryName name, String reference) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            boolean head = request.method() == HttpMethod.HEAD;
            content.manifest(tenant, name, reference).subscribe().with(manifest -> {
                response.putHeader(HttpHeaders.CONTENT_TYPE, manifest.mediaType())
                        .putHeader(RegistryReplies.CONTENT_DIGEST, manifest.digest().toString())
                        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(manifest.content().length));
                if (head) {
                    response.end();
                } else {
                    response.end(Buffer.buffer(manifest.content()));
                }
            }, failure -> RegistryReplies.send(response, failure));
        } else if (request.method() == HttpMethod.PUT) {
            put(request, tenant, name, reference);
        } else if (request.method() == HttpMethod.DELETE) {
            content.deleteManifest(tenant, name, reference).subscribe().with(
                    done -> response.setStatusCode(202).end(),
                    failure -> RegistryReplies.send(response, failure));
        } else {
            throw RegistryRoutes.unsupported(request);
        }
    }

    private void put(HttpServerRequest request, TenantId tenant, RepositoryName name, String reference) {
        HttpServerResponse response = request.response();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.length() < 19 && declared.chars().allMatch(Character::isDigit)
                && Long.parseLong(declared) > MAX_MANIFEST) {
            // The body is not read, so the connection cannot carry another request after this answer.
            response.putHeader(HttpHeaders.CONNECTION, "close");
            RegistryReplies.send(response, tooLarge(name, reference));
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_MANIFEST) {
                if (!response.ended()) {
                    response.putHeader(HttpHeaders.CONNECTION, "close");
                    RegistryReplies.send(response, tooLarge(name, reference));
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> response.reset());
        request.endHandler(end -> {
            if (response.ended()) {
                return;
            }
            content.putManifest(tenant, name, reference, request.getHeader(HttpHeaders.CONTENT_TYPE), body.getBytes())
                    .subscribe().with(pushed -> {
                        response.setStatusCode(201)
                                .putHeader(HttpHeaders.LOCATION, "/v2/" + name + "/manifests/" + pushed.digest())
                                .putHeader(RegistryReplies.CONTENT_DIGEST, pushed.digest().toString());
                        // The spec: a registry that supports referrers answers a push with a subject with OCI-Subject.
                        pushed.subject().ifPresent(subject -> response.putHeader("OCI-Subject", subject.toString()));
                        response.end();
                    }, failure -> RegistryReplies.send(response, failure));
        });
        request.resume();
    }

    private static RegistryException tooLarge(RepositoryName name, String reference) {
        return new RegistryException(RegistryErrorCode.SIZE_INVALID, 413,
                "manifest is over " + (MAX_MANIFEST >> 20) + " MiB, the most Berth's registry takes",
                Map.of("name", name.value(), "reference", reference));
    }

    /** {@code GET /v2/<name>/tags/list[?n=&last=]}, with a {@code Link} to the next page when there is one. */
    void tags(RoutingContext context, TenantId tenant, RepositoryName name) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        Integer n = request.getParam("n") == null || request.getParam("n").isEmpty() ? null
                : QueryInts.parse("n", request.getParam("n"));
        if (n != null && n < 0) {
            throw new RegistryException(RegistryErrorCode.UNSUPPORTED, 400, "n must not be negative", Map.of("n", n.toString()));
        }
        content.tags(tenant, name, n, request.getParam("last")).subscribe().with(page -> {
            if (page.more()) {
                // RFC 8288 Link to the next page, as the spec's "Listing Tags" describes it.
                String next = "/v2/" + name + "/tags/list?n=" + n + "&last="
                        + URLEncoder.encode(page.tags().getLast(), StandardCharsets.UTF_8);
                response.putHeader("Link", "<" + next + ">; rel=\"next\"");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name.value());
            body.put("tags", page.tags());
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(OciJson.writeString(body));
        }, failure -> RegistryReplies.send(response, failure));
    }

    /** {@code GET /v2/<name>/referrers/<digest>[?artifactType=]}: an image index, empty when nothing refers to it. */
    void referrers(RoutingContext context, TenantId tenant, RepositoryName name, String digest) {
        HttpServerResponse response = context.response();
        String artifactType = context.request().getParam("artifactType");
        String filter = artifactType == null || artifactType.isEmpty() ? null : artifactType;
        content.referrers(tenant, name, digest, filter).subscribe().with(descriptors -> {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.put("manifests", descriptors.isEmpty() ? List.of() : descriptors);
            if (filter != null) {
                response.putHeader("OCI-Filters-Applied", "artifactType");
            }
            response.putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.OCI_INDEX).end(OciJson.writeString(index));
        }, failure -> RegistryReplies.send(response, failure));
    }
}
