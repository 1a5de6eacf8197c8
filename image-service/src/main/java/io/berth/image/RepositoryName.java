package io.berth.image;

import io.berth.image.service.RegistryErrorCode;
import io.berth.image.service.RegistryException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A repository of Berth's registry as its clients name it in {@code /v2/<name>/…}: the distribution spec's name, a
 * path without a registry host ({@code team/app}, {@code library/busybox}). Unlike a Docker reference it is not
 * normalised: {@code busybox} and {@code library/busybox} are two repositories, as in any registry. A name that breaks
 * the grammar, or is over 255 characters, is {@code NAME_INVALID}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests">names</a>
 */
public record RepositoryName(String value) {
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (!isValid(value)) {
            throw new RegistryException(RegistryErrorCode.NAME_INVALID, Map.of("name", String.valueOf(value)));
        }
    }

    /** Whether {@code value} is a repository name, without raising. */
    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && NAME.matcher(value).matches();
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
