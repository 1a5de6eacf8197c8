package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.container.ContainerSpec;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /containers/create}: Docker's {@code Config} with {@code HostConfig} inside. Fields Berth does
 * not act on yet are accepted and ignored, as older daemons do with newer clients.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerCreateRequest(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Image") String image,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("HostConfig") HostConfig hostConfig) {

    /** The part of Docker's HostConfig Berth acts on so far. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostConfig(
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("NetworkMode") String networkMode) {
    }

    ContainerSpec toSpec() {
        HostConfig host = hostConfig == null ? new HostConfig(false, null) : hostConfig;
        return new ContainerSpec(image, cmd, entrypoint, env, workingDir, user, hostname, labels, tty, openStdin,
                stdinOnce, attachStdin, attachStdout, attachStderr, stopSignal, host.autoRemove(), host.networkMode());
    }
}
