package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.tenant.TenantId;
import io.berth.network.store.NetworkEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkFilterTest {
    private static final List<NetworkEntity> PREDEFINED = PredefinedNetworks.forTenant(TenantId.of("t"), io.berth.network.ip.Cidr.parse("172.17.0.0/16"));
    private static final NetworkEntity CUSTOM = custom();

    private static NetworkEntity custom() {
        NetworkEntity network = new NetworkEntity();
        network.id = "c".repeat(64);
        network.name = "proj_default";
        network.driver = "bridge";
        network.scope = "local";
        network.labels = Map.of("com.docker.compose.project", "proj");
        return network;
    }

    private static List<String> names(String json) {
        NetworkFilter filter = NetworkFilter.of(DockerFilters.parse(json));
        return java.util.stream.Stream.concat(PREDEFINED.stream(), java.util.stream.Stream.of(CUSTOM))
                .filter(n -> filter.test(n, false)).map(n -> n.name).toList();
    }

    @Test
    void noFilterKeepsEverything() {
        assertThat(names(null)).containsExactly("bridge", "host", "none", "proj_default");
    }

    @Test
    void typeSplitsPredefinedFromUserNetworks() {
        assertThat(names("{\"type\":[\"builtin\"]}")).containsExactly("bridge", "host", "none");
        assertThat(names("{\"type\":[\"custom\"]}")).containsExactly("proj_default");
    }

    @Test
    void driverIsExactNameIsARegularExpression() {
        assertThat(names("{\"driver\":[\"null\"]}")).containsExactly("none");
        assertThat(names("{\"driver\":[\"bri\"]}")).isEmpty();
        assertThat(names("{\"name\":[\"o\"]}")).containsExactly("host", "none", "proj_default");
        assertThat(names("{\"name\":[\"^no\"]}")).containsExactly("none");
    }

    @Test
    void idMatchesPartOfTheId() {
        assertThat(names("{\"id\":[\"cccc\"]}")).containsExactly("proj_default");
    }

    @Test
    void labelsMustAllHold() {
        assertThat(names("{\"label\":[\"com.docker.compose.project\"]}")).containsExactly("proj_default");
        assertThat(names("{\"label\":[\"com.docker.compose.project=other\"]}")).isEmpty();
    }

    @Test
    void danglingMeansUserNetworksWithoutEndpoints() {
        assertThat(names("{\"dangling\":[\"1\"]}")).containsExactly("proj_default");
        assertThat(names("{\"dangling\":[\"false\"]}")).containsExactly("bridge", "host", "none");
        NetworkFilter dangling = NetworkFilter.of(DockerFilters.parse("{\"dangling\":[\"true\"]}"));
        assertThat(dangling.test(CUSTOM, true)).as("a user network with a running container on it").isFalse();
        assertThat(dangling.needsEndpoints()).isTrue();
        assertThat(NetworkFilter.of(DockerFilters.none()).needsEndpoints()).isFalse();
    }

    @Test
    void refusesWhatDockerdRefuses() {
        assertThatThrownBy(() -> names("{\"colour\":[\"x\"]}")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid filter 'colour'");
        assertThatThrownBy(() -> names("{\"type\":[\"all\"]}")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("invalid filter: 'type'='all'");
        assertThatThrownBy(() -> names("{\"dangling\":[\"true\",\"false\"]}")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("got more than one value for filter key \"dangling\"");
        assertThatThrownBy(() -> names("{\"dangling\":[\"yes\"]}")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("invalid value for filter 'dangling'");
    }
}
