package io.berth.image.registry;

import io.berth.image.RepositoryName;
import io.berth.image.service.RegistryContent;
import io.berth.image.service.RegistryErrorCode;
import io.berth.image.service.RegistryException;
import io.berth.image.service.RegistryUploads;
import io.berth.kit.tenant.TenantId;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's blob endpoints: pull (GET with ranges, HEAD), delete, and push through upload sessions: POST starts
 * one (or mounts from another repository, or takes the whole blob at once with {@code ?digest=}), PATCH appends a
 * chunk (with {@code Content-Range}) or a stream (without), GET tells how far it got, PUT closes it with the digest of
 * the whole, DELETE cancels it. Bodies go straight to the session's file, never through memory.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs">pushing blobs</a>
 */
@ApplicationScoped
class BlobHandlers {
    /** The spec's {@code Content-Range} of a chunk: inclusive first and last byte. */
    private static final Pattern CHUNK_RANGE = Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})");
    private static final String UPLOAD_UUID = "Docker-Upload-UUID";
    private static final String RANGE = "Range";

    private final RegistryContent content;
    private final RegistryUploads uploads;

    BlobHandlers(RegistryContent content, RegistryUploads uploads) {
        this.content = content;
        this.uploads = uploads;
    }

    void serve(RoutingContext context, TenantId tenant, RepositoryName name, String reference) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        if (request.method() == HttpMethod.DELETE) {
            content.deleteBlob(tenant, name, reference).subscribe().with(
                    done -> response.setStatusCode(202).end(),
                    failure -> RegistryReplies.send(response, failure));
            return;
        }
        RegistryRoutes.only(request, HttpMethod.GET, HttpMethod.HEAD);
        content.blob(tenant, name, reference).subscribe().with(blob -> {
            response.putHeader(RegistryReplies.CONTENT_DIGEST, blob.digest().toString())
                    .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
            if (request.method() == HttpMethod.HEAD) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(blob.size())).end();
                return;
            }
            Optional<ByteRange> range;
            try {
                range = ByteRange.of(request.getHeader(RANGE), blob.size());
            } catch (ByteRange.Unsatisfiable e) {
                response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + blob.size()).end();
                return;
            }
            if (range.isPresent()) {
                response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.get().contentRange(blob.size()));
                response.sendFile(blob.path().toString(), range.get().offset(), range.get().length());
            } else {
                response.sendFile(blob.path().toString());
            }
        }, failure -> RegistryReplies.send(response, failure));
    }

    /**
     * {@code POST /v2/<name>/blobs/uploads/}: a cross-repository mount ({@code mount=&from=}; 201 when mounted, else a
     * new session), a whole blob at once ({@code digest=}; 201), or a new session (202).
     */
    void startUpload(RoutingContext context, TenantId tenant, RepositoryName name) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        String mount = request.getParam("mount");
        String digest = request.getParam("digest");
        Uni<Boolean> mounted = Uni.createFrom().item(false);
        if (mount != null && !mount.isEmpty()) {
            Digest blob = Digest.tryParse(mount).orElseThrow(() -> new RegistryException(RegistryErrorCode.DIGEST_INVALID,
                    Map.of("name", name.value(), "digest", mount)));
            String from = request.getParam("from");
            if (from == null || from.isEmpty() || RepositoryName.isValid(from)) {
                Optional<RepositoryName> source = from == null || from.isEmpty() ? Optional.empty()
                        : Optional.of(RepositoryName.of(from));
                mounted = content.mount(tenant, name, blob, source).map(done -> {
                    if (done) {
                        created(response, name, blob);
                    }
                    return done;
                });
            }
        }
        request.pause();
        mounted.flatMap(done -> done ? Uni.createFrom().nullItem() : uploads.start(tenant, name))
                .subscribe().with(upload -> {
                    if (upload == null) {
                        request.resume();
                        return;
                    }
                    if (digest != null) {
                        // Monolithic: the body is the whole blob; the session closes at once.
                        append(context, upload).flatMap(ignored -> uploads.find(tenant, name, upload.id()))
                                .flatMap(grown -> uploads.finish(tenant, name, grown, digest))
                                .subscribe().with(size -> created(response, name, Digest.parse(digest)),
                                        failure -> RegistryReplies.send(response, failure));
                        return;
                    }
                    request.resume();
                    response.setStatusCode(202);
                    session(response, name, upload.id(), 0);
                    response.end();
                }, failure -> {
                    request.resume();
                    RegistryReplies.send(response, failure);
                });
    }

    /** PATCH, PUT, GET and DELETE of {@code /v2/<name>/blobs/uploads/<id>}. */
    void upload(RoutingContext context, TenantId tenant, RepositoryName name, String id) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        HttpMethod method = request.method();
        if (method != HttpMethod.PATCH && method != HttpMethod.PUT && method != HttpMethod.GET && method != HttpMethod.DELETE) {
            throw RegistryRoutes.unsupported(request);
        }
        request.pause();
        uploads.find(tenant, name, id).subscribe().with(upload -> {
            if (method == HttpMethod.GET) {
                request.resume();
                response.setStatusCode(204);
                session(response, name, upload.id(), upload.size());
                response.end();
            } else if (method == HttpMethod.DELETE) {
                request.resume();
                uploads.cancel(upload).subscribe().with(
                        done -> response.setStatusCode(204).end(),
                        failure -> RegistryReplies.send(response, failure));
            } else if (method == HttpMethod.PATCH) {
                patch(context, tenant, name, upload);
            } else {
                put(context, tenant, name, upload);
            }
        }, failure -> {
            request.resume();
            RegistryReplies.send(response, failure);
        });
    }

    /** A chunk must start where the session ends (the spec: 416 otherwise, with the Range the session has). */
    private void patch(RoutingContext context, TenantId tenant, RepositoryName name, RegistryUploads.Upload upload) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = request.response();
        String range = request.getHeader(HttpHeaders.CONTENT_RANGE);
        if (range != null) {
            Matcher matcher = CHUNK_RANGE.matcher(range.strip());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != upload.size()
                    || Long.parseLong(matcher.group(2)) < Long.parseLong(matcher.group(1))) {
                request.resume();
                response.putHeader(HttpHeaders.CONNECTION, "close");
                session(response, name, upload.id(), upload.size());
                RegistryReplies.send(response, new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID, 416,
                        "chunk " + range + " does not start where the upload ends (" + upload.size() + " bytes so far)",
                        Map.of("name", name.value(), "uuid", upload.id())));
                return;
            }
        }
        append(context, upload).flatMap(ignored -> uploads.find(tenant, name, upload.id())).subscribe().with(grown -> {
            response.setStatusCode(202);
            session(response, name, grown.id(), grown.size());
            response.end();
        }, failure -> RegistryReplies.send(response, failure));
    }

    /** Closes the session, with its last bytes in the body if any. */
    private void put(RoutingContext context, TenantId tenant, RepositoryName name, RegistryUploads.Upload upload) {
        HttpServerResponse response = context.response();
        String digest = context.request().getParam("digest");
        append(context, upload).flatMap(ignored -> uploads.find(tenant, name, upload.id()))
                .flatMap(grown -> uploads.finish(tenant, name, grown, digest))
                .subscribe().with(size -> created(response, name, Digest.parse(digest)),
                        failure -> RegistryReplies.send(response, failure));
    }

    /** Appends the request's body to the session's file, as it arrives. */
    private static Uni<Void> append(RoutingContext context, RegistryUploads.Upload upload) {
        Future<Void> written = context.vertx().fileSystem()
                .open(upload.file().toString(), new OpenOptions().setAppend(true).setCreate(false))
                .compose(file -> context.request().pipeTo(file));
        return Uni.createFrom().completionStage(written.toCompletionStage());
    }

    private static void created(HttpServerResponse response, RepositoryName name, Digest digest) {
        response.setStatusCode(201)
                .putHeader(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/" + digest)
                .putHeader(RegistryReplies.CONTENT_DIGEST, digest.toString())
                .end();
    }

    /** Where the session is and how far it got: {@code Range: 0-<last byte>} ({@code 0-0} while empty). */
    private static void session(HttpServerResponse response, RepositoryName name, String id, long size) {
        response.putHeader(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/uploads/" + id)
                .putHeader(RANGE, "0-" + Math.max(0, size - 1))
                .putHeader(UPLOAD_UUID, id);
    }
}
