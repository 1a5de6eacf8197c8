package io.berth.network.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.errors.InvalidParameterException;
import io.berth.kit.errors.NotFoundException;
import io.berth.network.store.NetworkEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkLookupTest {
    private static NetworkEntity network(String id, String name) {
        NetworkEntity network = new NetworkEntity();
        network.id = id;
        network.name = name;
        return network;
    }

    private static final NetworkEntity AB = network("ab" + "0".repeat(62), "web");
    private static final NetworkEntity AC = network("ac" + "0".repeat(62), "db");
    // A name that is also another network's id prefix: moby prefers the name.
    private static final NetworkEntity NAMED_HEX = network("ff" + "0".repeat(62), "ab");

    @Test
    void aFullIdWinsOverEverything() {
        assertThat(NetworkLookup.resolve(AB.id, List.of(NAMED_HEX, AB, AC))).isSameAs(AB);
    }

    @Test
    void anExactNameWinsOverAnIdPrefix() {
        assertThat(NetworkLookup.resolve("ab", List.of(AB, NAMED_HEX))).isSameAs(NAMED_HEX);
    }

    @Test
    void aUniquePrefixFindsItsNetwork() {
        assertThat(NetworkLookup.resolve("ac", List.of(AB, AC))).isSameAs(AC);
    }

    @Test
    void aSharedPrefixIsAmbiguous() {
        assertThatThrownBy(() -> NetworkLookup.resolve("a", List.of(AB, AC)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("network a is ambiguous (2 matches found based on ID prefix)");
    }

    @Test
    void nothingFoundIsLibnetworksNotFound() {
        assertThatThrownBy(() -> NetworkLookup.resolve("nope", List.of(AB)))
                .isInstanceOf(NotFoundException.class).hasMessage("network nope not found");
    }
}
