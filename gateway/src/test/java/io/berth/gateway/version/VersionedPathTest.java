package io.berth.gateway.version;

import io.berth.kit.api.ApiVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** The {@code /v1.NN} prefix split off a path. */
class VersionedPathTest {
    @Test
    void stripsThePrefix() {
        assertThat(VersionedPath.of("/v1.41/containers/json")).isEqualTo(new VersionedPath(ApiVersion.of(1, 41), "/containers/json"));
        assertThat(VersionedPath.of("/v1.44/_ping")).isEqualTo(new VersionedPath(ApiVersion.of(1, 44), "/_ping"));
        assertThat(VersionedPath.of("/v1.47")).isEqualTo(new VersionedPath(ApiVersion.MAX, "/"));
    }

    @Test
    void anUnversionedPathIsServedAtTheDefault() {
        assertThat(VersionedPath.of("/containers/json")).isEqualTo(new VersionedPath(ApiVersion.DEFAULT, "/containers/json"));
        // A path that only looks like a version is left alone: /v2 is the registry's, /volumes a resource.
        assertThat(VersionedPath.of("/v2/busybox/manifests/latest").path()).isEqualTo("/v2/busybox/manifests/latest");
        assertThat(VersionedPath.of("/volumes").path()).isEqualTo("/volumes");
    }

    @Test
    void refusesVersionsOutsideTheRange() {
        assertThatThrownBy(() -> VersionedPath.of("/v1.12/info")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("is too old");
        assertThatThrownBy(() -> VersionedPath.of("/v1.50/info")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("is too new");
    }
}
