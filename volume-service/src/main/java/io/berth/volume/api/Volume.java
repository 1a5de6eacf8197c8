package io.berth.volume.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.volume.store.VolumeEntity;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's {@code Volume}. {@code Status} is left out (the local driver has none), and {@code UsageData} is written
 * only where dockerd writes it, in {@code /system/df}.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Volume/operation/VolumeInspect">Volume</a>
 */
public record Volume(
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Mountpoint") String mountpoint,
        @JsonProperty("Name") String name,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Scope") String scope,
        @JsonProperty("UsageData") @JsonInclude(JsonInclude.Include.NON_NULL) UsageData usageData) {

    /** Docker's {@code UsageData}: the bytes the volume's data takes, and how many containers use it. */
    public record UsageData(@JsonProperty("Size") long size, @JsonProperty("RefCount") long refCount) {
    }

    /** Every Berth volume lives on one node, as with Docker's local driver. */
    static final String LOCAL_SCOPE = "local";

    static Volume of(VolumeEntity volume) {
        return of(volume, null);
    }

    /** The volume with its {@code UsageData}, as {@code /system/df} shows it. */
    static Volume of(VolumeEntity volume, UsageData usage) {
        return new Volume(rfc3339(volume.createdAt), volume.driver, sorted(volume.labels), volume.mountpoint,
                volume.name, sorted(volume.options), LOCAL_SCOPE, usage);
    }

    // Go's encoding/json writes map keys sorted; doing the same keeps output comparable with dockerd's.
    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    // dockerd writes CreatedAt with Go's time.RFC3339: whole seconds, no fraction.
    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
