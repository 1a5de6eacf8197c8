package io.berth.image.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The registry's error body, {@code {"errors":[{"code":...,"message":...,"detail":...}]}}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#error-codes">error codes</a>
 */
public record RegistryErrors(List<Error> errors) {
    /** One error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, Object detail) {
    }

    public static RegistryErrors of(String code, String message, Object detail) {
        return new RegistryErrors(List.of(new Error(code, message, detail)));
    }
}
