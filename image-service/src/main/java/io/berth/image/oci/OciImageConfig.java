package io.berth.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An OCI image configuration: the platform, the run defaults, the layer diff ids and the history. Its sha256 is the
 * image id. Field names are the spec's, capitals included; fields Berth does not read are dropped, so the stored
 * bytes (never this record) are what a digest is taken of. {@code container}, {@code container_config} and
 * {@code docker_version} are Docker Engine's own keys, which its classic builder (and Berth's) writes beside the spec's.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md">OCI image configuration</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"created", "author", "architecture", "variant", "os", "config", "rootfs", "history", "container",
        "container_config", "docker_version"})
public record OciImageConfig(
        String created,
        String author,
        String architecture,
        String variant,
        String os,
        RunConfig config,
        RootFs rootfs,
        List<History> history,
        String container,
        @JsonProperty("container_config") Map<String, Object> containerConfig,
        @JsonProperty("docker_version") String dockerVersion) {

    /** A configuration without Docker Engine's own keys. */
    public OciImageConfig(String created, String author, String architecture, String variant, String os, RunConfig config,
            RootFs rootfs, List<History> history) {
        this(created, author, architecture, variant, os, config, rootfs, history, null, null, null);
    }

    /** The defaults a container of this image runs with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal",
            "Healthcheck", "OnBuild", "Shell"})
    public record RunConfig(
            @JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Healthcheck") Map<String, Object> healthcheck,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Shell") List<String> shell) {
    }

    /** The layers' uncompressed digests, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"type", "diff_ids"})
    public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    /** How one layer (or an empty step) came to be. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
    public record History(
            String created,
            @JsonProperty("created_by") String createdBy,
            String author,
            String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {
    }
}
