package io.berth.volume.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.volume.store.VolumeEntity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeTest {
    @Test
    void writesCreatedAtInWholeSecondsAsDockerd() {
        assertThat(Volume.rfc3339(Instant.parse("2016-06-07T20:31:11.853781916Z"))).isEqualTo("2016-06-07T20:31:11Z");
    }

    @Test
    void mapsARowToDockersVolume() {
        VolumeEntity row = new VolumeEntity();
        row.name = "data";
        row.driver = "local";
        row.mountpoint = "/m";
        row.labels = Map.of("a", "b");
        row.createdAt = Instant.parse("2026-01-02T03:04:05Z");

        assertThat(Volume.of(row)).isEqualTo(new Volume("2026-01-02T03:04:05Z", "local", Map.of("a", "b"), "/m", "data", Map.of(), "local", null));
    }
}
