package io.berth.kit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** Parsing, ordering and the supported range of API versions, with dockerd's messages. */
class ApiVersionTest {
    @Test
    void parsesAndPrints() {
        assertThat(ApiVersion.parse("1.47")).isEqualTo(ApiVersion.of(1, 47));
        assertThat(ApiVersion.parse("1.9")).hasToString("1.9");
        assertThatThrownBy(() -> ApiVersion.parse("1")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ApiVersion.parse("1.x")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ApiVersion.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(ApiVersion.of(1, 9)).isLessThan(ApiVersion.of(1, 10));
        assertThat(ApiVersion.of(2, 0)).isGreaterThan(ApiVersion.MAX);
        assertThat(ApiVersion.of(1, 23).isBefore(ApiVersion.MIN)).isTrue();
    }

    @Test
    void acceptsTheSupportedRangeOnly() {
        assertThat(ApiVersion.MIN.requireSupported()).isEqualTo(ApiVersion.of(1, 24));
        assertThat(ApiVersion.MAX.requireSupported()).isEqualTo(ApiVersion.of(1, 47));
        assertThatThrownBy(() -> ApiVersion.of(1, 23).requireSupported())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("client version 1.23 is too old. Minimum supported API version is 1.24, "
                        + "please upgrade your client to a newer version");
        assertThatThrownBy(() -> ApiVersion.of(1, 48).requireSupported())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("client version 1.48 is too new. Maximum supported API version is 1.47");
    }
}
