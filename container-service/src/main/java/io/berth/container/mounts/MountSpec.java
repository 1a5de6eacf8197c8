package io.berth.container.mounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of a create's {@code HostConfig.Mounts} ({@code --mount}), Docker's {@code mount.Mount} under Docker's
 * names; written back in inspect's {@code HostConfig.Mounts} as dockerd writes it, zero members left out.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerCreate">Mount</a>
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record MountSpec(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Target") String target,
        @JsonProperty("ReadOnly") boolean readOnly,
        @JsonProperty("Consistency") String consistency,
        @JsonProperty("BindOptions") BindOptions bindOptions,
        @JsonProperty("VolumeOptions") VolumeOptions volumeOptions,
        @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {

    /** Docker's {@code mount.BindOptions}. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record BindOptions(
            @JsonProperty("Propagation") String propagation,
            @JsonProperty("NonRecursive") boolean nonRecursive,
            @JsonProperty("CreateMountpoint") boolean createMountpoint,
            @JsonProperty("ReadOnlyNonRecursive") boolean readOnlyNonRecursive,
            @JsonProperty("ReadOnlyForceRecursive") boolean readOnlyForceRecursive) {
    }

    /** Docker's {@code mount.VolumeOptions}: what a volume the mount makes is made with. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record VolumeOptions(
            @JsonProperty("NoCopy") boolean noCopy,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("DriverConfig") Driver driverConfig,
            @JsonProperty("Subpath") String subpath) {
    }

    /** Docker's {@code mount.Driver}: the volume driver and its options ({@code volume-opt}). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Driver(
            @JsonProperty("Name") String name,
            @JsonProperty("Options") Map<String, String> options) {
    }

    /** Docker's {@code mount.TmpfsOptions}; {@code Options} are extra flags, each {@code [name]} or {@code [name, value]}. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record TmpfsOptions(
            @JsonProperty("SizeBytes") long sizeBytes,
            @JsonProperty("Mode") int mode,
            @JsonProperty("Options") List<List<String>> options) {
    }
}
