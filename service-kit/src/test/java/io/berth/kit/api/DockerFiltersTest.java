package io.berth.kit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerFiltersTest {
    @Test
    void readsTheGoClientsMapForm() {
        DockerFilters filters = DockerFilters.parse("{\"status\":{\"running\":true,\"exited\":true}}");

        assertThat(filters.get("status")).containsExactly("running", "exited");
    }

    @Test
    void readsDockerPysListForm() {
        DockerFilters filters = DockerFilters.parse("{\"label\":[\"com.docker.compose.project=proj\",\"com.docker.compose.oneoff=False\"]}");

        assertThat(filters.matchesLabels(Map.of("com.docker.compose.project", "proj", "com.docker.compose.oneoff", "False"))).isTrue();
        assertThat(filters.matchesLabels(Map.of("com.docker.compose.project", "proj"))).isFalse();
        assertThat(filters.matchesLabels(Map.of("com.docker.compose.project", "other", "com.docker.compose.oneoff", "False"))).isFalse();
    }

    @Test
    void aBareLabelKeyNeedsOnlyTheKey() {
        assertThat(DockerFilters.parse("{\"label\":[\"tier\"]}").matchesLabels(Map.of("tier", "x"))).isTrue();
        assertThat(DockerFilters.parse("{\"label\":[\"tier\"]}").matchesLabels(Map.of())).isFalse();
    }

    @Test
    void rejectsWhatIsNotAFilter() {
        assertThatThrownBy(() -> DockerFilters.parse("{nope")).isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("invalid filter");
        assertThatThrownBy(() -> DockerFilters.parse("[1]")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> DockerFilters.parse("{\"a\":3}")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> DockerFilters.parse("{\"colour\":[\"red\"]}").allowOnly(Set.of("label")))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'colour'");
    }

    @Test
    void acceptsDockerBooleanWords() {
        assertThat(QueryFlags.isTrue("1")).isTrue();
        assertThat(QueryFlags.isTrue("True")).isTrue();
        assertThat(QueryFlags.isTrue("true")).isTrue();
        for (String no : new String[] {null, "", "0", "no", "False", "NONE"}) {
            assertThat(QueryFlags.isTrue(no)).isFalse();
        }
    }

    @Test
    void matchIsExactOrARegularExpressionFoundInTheValue() {
        DockerFilters filters = DockerFilters.parse("{\"name\":[\"web\"],\"id\":[\"^ab\"],\"bad\":[\"a(b\"]}");

        assertThat(filters.match("name", "web")).isTrue();
        assertThat(filters.match("name", "my-web-1")).isTrue();
        assertThat(filters.match("name", "db")).isFalse();
        assertThat(filters.match("id", "abcdef")).isTrue();
        assertThat(filters.match("id", "cdab")).isFalse();
        assertThat(filters.match("bad", "a(b")).isTrue();
        assertThat(filters.match("bad", "xa(bx")).isFalse();
        assertThat(filters.match("absent", "anything")).isTrue();
    }

    @Test
    void exactMatchWantsOneValueVerbatim() {
        DockerFilters filters = DockerFilters.parse("{\"driver\":{\"bridge\":true}}");

        assertThat(filters.exactMatch("driver", "bridge")).isTrue();
        assertThat(filters.exactMatch("driver", "bridge2")).isFalse();
        assertThat(filters.exactMatch("scope", "local")).isTrue();
    }
}
