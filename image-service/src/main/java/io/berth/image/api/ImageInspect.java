package io.berth.image.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's ImageInspect, the answer of {@code GET /images/{name}/json}. {@code Container} and {@code ContainerConfig}
 * are answered at every API version, as Docker Engine 20.10 does: dockerd 26 and later leave them out from API 1.45
 * on, but docker-compose 1.29 (which speaks the engine's newest version) reads {@code ContainerConfig.Volumes} every
 * time it recreates a container, and fails without it.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageInspect">ImageInspect</a>
 */
public record ImageInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("Container") String container,
        @JsonProperty("ContainerConfig") Map<String, Object> containerConfig,
        @JsonProperty("DockerVersion") String dockerVersion,
        @JsonProperty("Author") String author,
        @JsonProperty("Config") Config config,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Variant") String variant,
        @JsonProperty("Os") String os,
        @JsonProperty("Size") long size,
        @JsonProperty("GraphDriver") GraphDriver graphDriver,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonProperty("Metadata") Metadata metadata) {

    /**
     * Docker's ImageConfig. The fields the API marks deprecated (Hostname, Attach*, Tty...) are written with their
     * fixed values, as dockerd 27 still writes them and older clients read them.
     */
    public record Config(
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("Domainname") String domainname,
            @JsonProperty("User") String user,
            @JsonProperty("AttachStdin") boolean attachStdin,
            @JsonProperty("AttachStdout") boolean attachStdout,
            @JsonProperty("AttachStderr") boolean attachStderr,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Tty") boolean tty,
            @JsonProperty("OpenStdin") boolean openStdin,
            @JsonProperty("StdinOnce") boolean stdinOnce,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Healthcheck") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> healthcheck,
            @JsonProperty("Image") String image,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Shell") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> shell) {
    }

    /** The storage driver; Berth's workers unpack layers for overlayfs. */
    public record GraphDriver(@JsonProperty("Name") String name, @JsonProperty("Data") Map<String, String> data) {
    }

    /** The layers' diff ids, bottom first. */
    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
    }

    /** Facts local to this installation. */
    public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {
    }
}
