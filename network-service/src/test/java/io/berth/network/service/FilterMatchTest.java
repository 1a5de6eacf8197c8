package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.kit.api.DockerFilters;
import org.junit.jupiter.api.Test;

class FilterMatchTest {
    @Test
    void matchIsExactOrARegularExpressionFoundInTheValue() {
        DockerFilters filters = DockerFilters.parse("{\"name\":[\"web\"],\"id\":[\"^ab\"],\"bad\":[\"a(b\"]}");

        assertThat(FilterMatch.match(filters, "name", "web")).isTrue();
        assertThat(FilterMatch.match(filters, "name", "my-web-1")).isTrue();
        assertThat(FilterMatch.match(filters, "name", "db")).isFalse();
        assertThat(FilterMatch.match(filters, "id", "abcdef")).isTrue();
        assertThat(FilterMatch.match(filters, "id", "cdab")).isFalse();
        assertThat(FilterMatch.match(filters, "bad", "a(b")).isTrue();
        assertThat(FilterMatch.match(filters, "bad", "xa(bx")).isFalse();
        assertThat(FilterMatch.match(filters, "absent", "anything")).isTrue();
    }

    @Test
    void exactMatchWantsOneValueVerbatim() {
        DockerFilters filters = DockerFilters.parse("{\"driver\":{\"bridge\":true}}");

        assertThat(FilterMatch.exactMatch(filters, "driver", "bridge")).isTrue();
        assertThat(FilterMatch.exactMatch(filters, "driver", "bridge2")).isFalse();
        assertThat(FilterMatch.exactMatch(filters, "scope", "local")).isTrue();
    }
}
