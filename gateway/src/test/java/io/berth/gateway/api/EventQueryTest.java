package io.berth.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** moby's event filter rules and Docker's timestamps, as {@link EventQuery} applies them. */
class EventQueryTest {
    private static final String ID = "a1".repeat(32);

    private static EventMessage container(String action, Map<String, String> attributes) {
        return new EventMessage(action, ID, "busybox", "container", action, new EventMessage.Actor(ID, attributes), "local", 1, 1);
    }

    private static final EventMessage START = container("start",
            Map.of("name", "web", "image", "docker.io/library/busybox:1.36", "tier", "front"));

    @Test
    void readsDockersTimestamps() {
        assertThat(EventQuery.time("1700000000", "since")).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(EventQuery.time("1700000000.000000042", "since")).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 42));
        assertThat(EventQuery.time("1700000000.5", "since")).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 500_000_000));
        assertThat(EventQuery.time("2023-11-14T22:13:20Z", "since")).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(EventQuery.time("2023-11-14T23:13:20.000000001+01:00", "until"))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000, 1));
        assertThat(EventQuery.time("", "since")).isNull();
        assertThatThrownBy(() -> EventQuery.time("yesterday", "since")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid value for since: yesterday");
    }

    @Test
    void windowIncludesBothEnds() {
        EventQuery query = new EventQuery(Instant.ofEpochSecond(10), Instant.ofEpochSecond(20), io.berth.kit.api.DockerFilters.none());
        assertThat(query.inWindow(Instant.ofEpochSecond(10))).isTrue();
        assertThat(query.inWindow(Instant.ofEpochSecond(20))).isTrue();
        assertThat(query.inWindow(Instant.ofEpochSecond(9))).isFalse();
        assertThat(query.inWindow(Instant.ofEpochSecond(20, 1))).isFalse();
    }

    @Test
    void everyKeyMustMatchAndValuesOfOneKeyAreAlternatives() {
        assertThat(EventQuery.of(null, null, "{\"type\":{\"container\":true},\"event\":{\"start\":true,\"die\":true}}")
                .matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"type\":[\"container\"],\"event\":[\"die\"]}").matches(START)).isFalse();
        assertThat(EventQuery.of(null, null, "{\"type\":[\"volume\",\"image\"]}").matches(START)).isFalse();
        assertThat(EventQuery.of(null, null, "{\"action\":[\"start\"]}").matches(START)).isTrue();
    }

    @Test
    void aContainerIsNamedByIdPrefixOrName() {
        assertThat(EventQuery.of(null, null, "{\"container\":[\"a1a1a1\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"container\":[\"web\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"container\":[\"db\"]}").matches(START)).isFalse();
        assertThat(EventQuery.of(null, null, "{\"volume\":[\"web\"]}").matches(START)).isTrue();
    }

    @Test
    void anImageMatchesWithOrWithoutTagAndHubPrefix() {
        assertThat(EventQuery.of(null, null, "{\"image\":[\"busybox\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"image\":[\"docker.io/library/busybox:1.36\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"image\":[\"redis\"]}").matches(START)).isFalse();
        assertThat(EventQuery.familiar("localhost:5000/x/y:2")).isEqualTo("localhost:5000/x/y");
        assertThat(EventQuery.familiar("busybox@sha256:abc")).isEqualTo("busybox");
    }

    @Test
    void labelsMustAllMatch() {
        assertThat(EventQuery.of(null, null, "{\"label\":[\"tier=front\",\"name\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"label\":[\"tier=front\",\"missing\"]}").matches(START)).isFalse();
        assertThat(EventQuery.of(null, null, "{\"label\":{\"tier=back\":true}}").matches(START)).isFalse();
    }

    @Test
    void healthStatusMatchesAsAPrefix() {
        EventMessage health = container("health_status: healthy", Map.of());
        assertThat(EventQuery.of(null, null, "{\"event\":[\"health_status\"]}").matches(health)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"event\":[\"start\"]}").matches(health)).isFalse();
    }

    @Test
    void scopeIsAlwaysLocal() {
        assertThat(EventQuery.of(null, null, "{\"scope\":[\"local\"]}").matches(START)).isTrue();
        assertThat(EventQuery.of(null, null, "{\"scope\":[\"swarm\"]}").matches(START)).isFalse();
    }
}
