package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}, Docker's {@code ContainerInspectResponse}. */
public record ContainerInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") State state,
        @JsonProperty("Image") String image,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Platform") String platform,
        @JsonProperty("HostConfig") Map<String, Object> hostConfig,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("NetworkSettings") Map<String, Object> networkSettings,
        @JsonProperty("Mounts") List<MountPointView> mounts,
        // The container's live exec sessions, null when none, as dockerd shows them.
        @JsonProperty("ExecIDs") List<String> execIds) {

    /** The same inspect with the container's live exec sessions. */
    public ContainerInspect withExecIds(List<String> ids) {
        return new ContainerInspect(id, created, path, args, state, image, name, restartCount, driver, platform,
                hostConfig, config, networkSettings, mounts, ids == null || ids.isEmpty() ? null : List.copyOf(ids));
    }

    /** Docker's {@code ContainerState}; times are RFC 3339, the zero time when unset. */
    public record State(
            @JsonProperty("Status") String status,
            @JsonProperty("Running") boolean running,
            @JsonProperty("Paused") boolean paused,
            @JsonProperty("Restarting") boolean restarting,
            @JsonProperty("OOMKilled") boolean oomKilled,
            @JsonProperty("Dead") boolean dead,
            @JsonProperty("Pid") int pid,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Error") String error,
            @JsonProperty("StartedAt") String startedAt,
            @JsonProperty("FinishedAt") String finishedAt) {
    }
}
