package io.berth.volume.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kit.api.DockerFilters;
import io.berth.kit.errors.InvalidParameterException;
import io.berth.volume.store.VolumeEntity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which unused volumes a prune takes: anonymous ones unless {@code all}, and {@code label} / {@code label!}. */
class PruneFilterTest {
    private static VolumeEntity volume(Map<String, String> labels) {
        VolumeEntity volume = new VolumeEntity();
        volume.name = "v1";
        volume.labels = labels;
        return volume;
    }

    private static PruneFilter filter(String json, boolean allByDefault) {
        return PruneFilter.of(DockerFilters.parse(json), allByDefault);
    }

    @Test
    void takesAnonymousVolumesOnlyUnlessAllIsAskedOrTheClientIsOld() {
        VolumeEntity anonymous = volume(Map.of("com.docker.volume.anonymous", ""));
        VolumeEntity named = volume(Map.of());
        assertThat(filter(null, false).test(anonymous)).isTrue();
        assertThat(filter(null, false).test(named)).isFalse();
        assertThat(filter("{\"all\":[\"true\"]}", false).test(named)).isTrue();
        assertThat(filter("{\"all\":[\"0\"]}", true).test(named)).isFalse();
        assertThat(filter(null, true).test(named)).isTrue();
    }

    @Test
    void labelKeepsThoseWithTheLabelAndLabelNotTheOthers() {
        VolumeEntity dev = volume(Map.of("env", "dev"));
        assertThat(filter("{\"all\":[\"1\"],\"label\":[\"env=dev\"]}", false).test(dev)).isTrue();
        assertThat(filter("{\"all\":[\"1\"],\"label\":[\"env=prod\"]}", false).test(dev)).isFalse();
        assertThat(filter("{\"all\":[\"1\"],\"label!\":[\"env\"]}", false).test(dev)).isFalse();
        assertThat(filter("{\"all\":[\"1\"],\"label!\":[\"env=prod\"]}", false).test(dev)).isTrue();
    }

    @Test
    void refusesOtherKeysAndNonBooleanAll() {
        assertThatThrownBy(() -> filter("{\"dangling\":[\"true\"]}", false))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'dangling'");
        assertThatThrownBy(() -> filter("{\"all\":[\"yes\"]}", false))
                .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'all=yes'");
    }
}
