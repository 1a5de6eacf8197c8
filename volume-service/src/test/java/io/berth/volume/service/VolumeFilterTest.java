package io.berth.volume.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.volume.store.VolumeEntity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeFilterTest {
    private static VolumeEntity volume(String name, String driver, Map<String, String> labels) {
        VolumeEntity volume = new VolumeEntity();
        volume.name = name;
        volume.driver = driver;
        volume.labels = labels;
        return volume;
    }

    private static VolumeFilter filter(String json) {
        return VolumeFilter.of(DockerFilters.parse(json));
    }

    @Test
    void noFilterKeepsEverything() {
        assertThat(filter(null).test(volume("a", "local", Map.of()), false)).isTrue();
    }

    @Test
    void nameIsFoundAsARegularExpression() {
        assertThat(filter("{\"name\":[\"ca.he\"]}").test(volume("web-cache", "local", Map.of()), false)).isTrue();
        assertThat(filter("{\"name\":[\"^cache\"]}").test(volume("web-cache", "local", Map.of()), false)).isFalse();
    }

    @Test
    void driverMustMatchExactly() {
        assertThat(filter("{\"driver\":[\"local\"]}").test(volume("a", "local", Map.of()), false)).isTrue();
        assertThat(filter("{\"driver\":[\"loc\"]}").test(volume("a", "local", Map.of()), false)).isFalse();
    }

    @Test
    void everyLabelFilterMustHold() {
        VolumeEntity labelled = volume("a", "local", Map.of("x", "1", "y", "2"));
        assertThat(filter("{\"label\":[\"x=1\",\"y\"]}").test(labelled, false)).isTrue();
        assertThat(filter("{\"label\":[\"x=1\",\"z\"]}").test(labelled, false)).isFalse();
    }

    @Test
    void danglingKeepsOnlyVolumesNoContainerUses() {
        VolumeEntity volume = volume("a", "local", Map.of());
        assertThat(filter("{\"dangling\":[\"true\"]}").test(volume, true)).isFalse();
        assertThat(filter("{\"dangling\":[\"true\"]}").test(volume, false)).isTrue();
        assertThat(filter("{\"dangling\":[\"0\"]}").test(volume, true)).isTrue();
    }

    @Test
    void danglingTakesOnlyStrictBooleans() {
        VolumeEntity unused = volume("a", "local", Map.of());
        assertThat(filter("{\"dangling\":[\"1\"]}").test(unused, false)).isTrue();
        assertThat(filter("{\"dangling\":[\"false\"]}").test(unused, false)).isFalse();
        assertThatThrownBy(() -> filter("{\"dangling\":[\"yes\"]}"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'dangling=yes'");
        assertThatThrownBy(() -> filter("{\"dangling\":[\"true\",\"0\"]}"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'dangling=true,0'");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> filter("{\"scope\":[\"local\"]}"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'scope'");
    }
}
