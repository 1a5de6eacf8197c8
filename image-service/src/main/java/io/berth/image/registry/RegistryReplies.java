package io.berth.image.registry;

import io.berth.image.service.RegistryException;
import io.berth.kit.errors.ErrorAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * The registry's error shape, {@code {"errors":[{"code","message","detail"}]}}, for both faces of the registry (the
 * public routes and the internal read path), with the version header Docker clients look for. A failure that is not a
 * registry one keeps its Docker status and words, under the closest code the spec has.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes">error codes</a>
 */
final class RegistryReplies {
    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    /** Docker clients look for it on {@code /v2/} to know they talk to a v2 registry. */
    static final String API_VERSION = "Docker-Distribution-API-Version";
    static final String API_VERSION_VALUE = "registry/2.0";

    private RegistryReplies() {
    }

    /** One error as the registry answers it. */
    record Failure(int status, String code, String message, Map<String, String> detail) {
        String body() {
            return io.berth.image.oci.OciJson.writeString(RegistryErrors.of(code, message, detail));
        }
    }

    static Failure of(Throwable failure) {
        if (failure instanceof RegistryException registry) {
            return new Failure(registry.status(), registry.code().name(), registry.getMessage(), registry.detail());
        }
        ErrorAnswers.Answer answer = ErrorAnswers.of(failure);
        String code = switch (answer.status()) {
            case 404 -> "NAME_UNKNOWN";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "DENIED";
            case 429 -> "TOOMANYREQUESTS";
            default -> "UNSUPPORTED";
        };
        return new Failure(answer.status(), code, answer.message(), null);
    }

    /** Writes {@code failure} unless the answer has begun, in which case the connection is reset (a status is sent). */
    static void send(HttpServerResponse response, Throwable failure) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Failure answer = of(failure);
        response.setStatusCode(answer.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(API_VERSION, API_VERSION_VALUE)
                .end(answer.body());
    }
}
